package io.trainstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainstream.schemas.avro.EventType;
import io.trainstream.schemas.avro.RunSummary;
import io.trainstream.schemas.avro.TrainerEvent;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;
import org.junit.jupiter.api.Test;

class AvroClassTrustTest {

    @Test
    void installTrustsTheGeneratedPackageWithoutTheSystemProperty() {
        ClassSecurityPredicate before = ClassSecurityValidator.getGlobal();
        try {
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.DEFAULT_TRUSTED_CLASSES);
            assertThat(ClassSecurityValidator.getGlobal().isTrusted(TrainerEvent.class)).isFalse();

            AvroClassTrust.install();

            ClassSecurityPredicate after = ClassSecurityValidator.getGlobal();
            assertThat(after.isTrusted(TrainerEvent.class)).isTrue();
            assertThat(after.isTrusted(RunSummary.class)).isTrue();
            assertThat(after.isTrusted(EventType.class)).isTrue();
            assertThat(after.isTrusted(String.class)).as("what was trusted before stays trusted").isTrue();
            assertThat(after.isTrusted(java.io.File.class)).isFalse();
        } finally {
            ClassSecurityValidator.setGlobal(before);
        }
    }

    @Test
    void installingTwiceChangesNothingTheSecondTime() {
        ClassSecurityPredicate before = ClassSecurityValidator.getGlobal();
        try {
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.DEFAULT_TRUSTED_CLASSES);
            AvroClassTrust.install();
            ClassSecurityPredicate once = ClassSecurityValidator.getGlobal();

            AvroClassTrust.install();

            assertThat(ClassSecurityValidator.getGlobal()).isSameAs(once);
        } finally {
            ClassSecurityValidator.setGlobal(before);
        }
    }
}
