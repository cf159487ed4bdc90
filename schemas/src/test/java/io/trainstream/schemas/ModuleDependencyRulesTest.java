package io.trainstream.schemas;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rule of {@code DESIGN.md} ("Which module may know which") for this module, checked on its
 * compiled main classes: {@code schemas} is the wire format and knows nothing of the modules that use it.
 */
@AnalyzeClasses(packages = "io.trainstream.schemas", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleDependencyRulesTest {

    @ArchTest
    static final ArchRule theWireFormatKnowsNothingOfTheTrainerTheConsumersOrTheTools = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("io.trainstream.trainer..", "io.trainstream.events..",
                    "io.trainstream.consumers..", "io.trainstream.cli..", "io.trainstream.broker..",
                    "io.trainstream.bench..", "io.trainstream.examples..", "ai.djl..")
            .because("schemas is the wire format: every other module depends on it, it on none of them (DESIGN.md)");
}
