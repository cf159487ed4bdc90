package io.trainstream.trainer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
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

    /** The wire types the typed event model holds as values (enums and the run config record). */
    private static final Class<?>[] TYPED_MODEL_VALUES = {io.trainstream.schemas.avro.RunConfig.class,
            io.trainstream.schemas.avro.RunKind.class, io.trainstream.schemas.avro.RunEndStatus.class,
            io.trainstream.schemas.avro.EpochChangeCause.class};

    @ArchTest
    static final ArchRule theTrainerNeverDependsOnWhatWatchesItOrOnTheTools = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("io.trainstream.consumers..", "io.trainstream.cli..",
                    "io.trainstream.broker..", "io.trainstream.bench..", "io.trainstream.examples..")
            .because("the trainer talks to any Kafka through kafka-clients and never waits on the things that watch it;"
                    + " nothing depends on cli (DESIGN.md)");

    @ArchTest
    static final ArchRule onlyThePublisherKnowsTheWireFormat = noClasses()
            .that().resideOutsideOfPackages("io.trainstream.trainer.kafka..", "io.trainstream.trainer.outbox..")
            .should().dependOnClassesThat(DescribedPredicate.and(
                    JavaClass.Predicates.resideInAPackage("io.trainstream.schemas.."),
                    DescribedPredicate.not(JavaClass.Predicates.belongToAnyOf(TYPED_MODEL_VALUES))))
            .because("Avro records are converted at the boundary, by the Kafka publisher and its outbox (through the"
                    + " events module's mapping); the trainer builds typed events, whose enums and run config are the"
                    + " wire's own value types (one name per concept)");

}
