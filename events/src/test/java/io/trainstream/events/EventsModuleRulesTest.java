package io.trainstream.events;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The rules of {@code DESIGN.md} ("Which module may know which") for the typed event model. */
@AnalyzeClasses(packages = "io.trainstream.events", importOptions = ImportOption.DoNotIncludeTests.class)
class EventsModuleRulesTest {

    @ArchTest
    static final ArchRule eventsUseNoDjl = noClasses()
            .should().dependOnClassesThat().resideInAPackage("ai.djl..")
            .because("consumers read typed events in processes without DJL (DESIGN.md)");

    @ArchTest
    static final ArchRule eventsKnowOnlyTheWireFormat = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("io.trainstream.trainer..",
                    "io.trainstream.consumers..", "io.trainstream.cli..", "io.trainstream.broker..",
                    "io.trainstream.bench..", "io.trainstream.examples..")
            .because("events depend on schemas only: the trainer and the consumers depend on events (DESIGN.md)");
}
