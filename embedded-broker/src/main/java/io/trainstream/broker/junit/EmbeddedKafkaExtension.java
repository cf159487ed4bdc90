package io.trainstream.broker.junit;

import io.trainstream.broker.EmbeddedKafkaBroker;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a real Kafka broker: one {@link EmbeddedKafkaBroker} per JVM, started lazily in a temp
 * directory on first use, and stopped (its directory deleted) at JVM exit.
 *
 * <pre>{@code
 * @ExtendWith(EmbeddedKafkaExtension.class)
 * class PublisherTest {
 *     @Test
 *     void publishesEveryEvent(EmbeddedKafkaBroker broker) {
 *         String bootstrap = broker.bootstrapServers();
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>Parameters of type {@link EmbeddedKafkaBroker} are resolved in test methods, lifecycle methods
 * and constructors; code without the extension can call {@link #shared()}. Tests share the broker:
 * use a topic and a consumer group of their own. A test may {@linkplain EmbeddedKafkaBroker#stop()
 * stop} it to inject a fault; the next resolution or {@link #shared()} call starts it again on the
 * same port.
 */
public final class EmbeddedKafkaExtension implements ParameterResolver {

    /** Creates the extension; JUnit does this for {@code @ExtendWith}. */
    public EmbeddedKafkaExtension() {
    }

    /**
     * The JVM's shared broker, started if it is not running.
     *
     * @return the running shared broker
     * @throws io.trainstream.broker.BrokerStartException if it cannot start
     */
    public static EmbeddedKafkaBroker shared() {
        return SharedBroker.get();
    }

    /** {@inheritDoc} */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == EmbeddedKafkaBroker.class;
    }

    /** {@inheritDoc} */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return shared();
    }
}
