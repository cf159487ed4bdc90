package io.trainstream.schemas;

import io.trainstream.schemas.avro.TrainerEvent;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Lets Avro 1.12.2 decode into the generated classes of {@value #GENERATED_PACKAGE} without the
 * {@code org.apache.avro.SERIALIZABLE_PACKAGES} system property.
 *
 * <p>Avro refuses to instantiate classes it was not told to trust. {@link #install()} widens the
 * JVM-wide {@link ClassSecurityValidator} predicate by exactly that one package, keeping whatever it
 * trusted before. The codecs call it when they load, so a JVM that only uses the codecs needs no
 * flag; code that decodes generated classes by other means should call it once at start-up.
 */
public final class AvroClassTrust {

    /** The package the avro-maven-plugin generates into; the only one this class adds. */
    public static final String GENERATED_PACKAGE = "io.trainstream.schemas.avro";

    private AvroClassTrust() {
    }

    /**
     * Adds the generated package to Avro's global trusted classes, unless they are trusted already.
     * Idempotent and thread-safe.
     */
    public static synchronized void install() {
        ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
        if (current.isTrusted(TrainerEvent.class)) {
            return;
        }
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(current, AvroClassTrust::isGenerated));
    }

    /**
     * Tells whether a class is one of the generated Avro classes.
     *
     * @param type a class, which this method does not initialise
     * @return true when it lives in {@value #GENERATED_PACKAGE}
     */
    public static boolean isGenerated(Class<?> type) {
        return GENERATED_PACKAGE.equals(type.getPackageName());
    }
}
