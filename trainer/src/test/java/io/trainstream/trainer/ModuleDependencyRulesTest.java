package io.trainstream.trainer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rules of {@code DESIGN.md} ("Which module may know which") for this module, checked on its
 * compiled main classes.
 */
@AnalyzeClasses(packages = "io.trainstream.trainer", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleDependencyRulesTest {

    @ArchTest
    static final ArchRule theTrainerNeverDependsOnWhatWatchesItOrOnTheTools = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("io.trainstream.consumers..", "io.trainstream.cli..",
                    "io.trainstream.broker..", "io.trainstream.bench..", "io.trainstream.examples..")
            .because("the trainer talks to any Kafka through kafka-clients and never waits on the things that watch it;"
                    + " nothing depends on cli (DESIGN.md)");

    @ArchTest
    static final ArchRule onlyThePublisherKnowsTheWireFormat = noClasses()
            .that().resideOutsideOfPackages("io.trainstream.trainer.kafka..", "io.trainstream.trainer.outbox..")
            .should().dependOnClassesThat().resideInAPackage("io.trainstream.schemas..")
            .because("Avro records are converted at the boundary, by the Kafka publisher and its outbox,"
                    + " and kept out of the trainer's internals");
}
