package io.trainstream.consumers;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rules of {@code DESIGN.md} ("Which module may know which") for this module, checked on its
 * compiled main classes. Every rule holds with zero violations: consumers read the typed events of the
 * {@code events} module and never the trainer (the rule that used to be frozen is enforced).
 */
@AnalyzeClasses(packages = "io.trainstream.consumers", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleDependencyRulesTest {

    @ArchTest
    static final ArchRule consumersAreALibraryThatNothingButTheCliWires = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("io.trainstream.cli..", "io.trainstream.broker..",
                    "io.trainstream.bench..", "io.trainstream.examples..")
            .because("consumers is a library, cli wires it, and nothing depends on cli (DESIGN.md)");

    @ArchTest
    static final ArchRule consumersUseNoDjl = noClasses()
            .should().dependOnClassesThat().resideInAPackage("ai.djl..")
            .because("no DJL in a consumer process (DESIGN.md)");

    @ArchTest
    static final ArchRule consumersDoNotDependOnTheTrainer = noClasses()
            .should().dependOnClassesThat().resideInAPackage("io.trainstream.trainer..")
            .because("consumers read typed events (the events module), not the trainer (DESIGN.md)");
}
