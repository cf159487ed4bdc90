package io.trainstream.cli;

import picocli.CommandLine.IVersionProvider;

/** What {@code --version} prints: trainstream's version and the Java, DJL and Kafka clients it runs on. */
public final class VersionInfo implements IVersionProvider {

    /** trainstream's version, as in the poms. */
    public static final String VERSION = "0.1.0-SNAPSHOT";

    /** Creates the provider; picocli does this. */
    public VersionInfo() {
    }

    /** {@inheritDoc} */
    @Override
    public String[] getVersion() {
        return new String[] {
            "trainstream " + VERSION,
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch"),
            "DJL " + djlVersion() + ", Kafka clients "
                    + implementationVersion(org.apache.kafka.clients.producer.KafkaProducer.class)
        };
    }

    private static String djlVersion() {
        try {
            // read from DJL's own properties; does not load the PyTorch engine
            return ai.djl.engine.Engine.getDjlVersion();
        } catch (RuntimeException | LinkageError e) {
            return implementationVersion(ai.djl.Model.class);
        }
    }

    private static String implementationVersion(Class<?> type) {
        String version = type.getPackage().getImplementationVersion();
        if (version == null && type == org.apache.kafka.clients.producer.KafkaProducer.class) {
            version = org.apache.kafka.common.utils.AppInfoParser.getVersion();
        }
        return version == null ? "(unknown)" : version;
    }
}
