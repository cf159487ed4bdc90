package io.trainstream.consumers;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.freeze.FreezingArchRule;

/**
 * The rules of {@code DESIGN.md} ("Which module may know which") for this module, checked on its
 * compiled main classes.
 *
 * <p>One rule does not hold yet: consumers still use the trainer's {@code RunHistory}, history
 * rebuild and what-if (DESIGN.md says so; the typed {@code events} module is to end it). That rule is
 * <em>frozen</em>: the violations of today are recorded in {@code src/test/resources/archunit-store}
 * and accepted, any new one fails the build, and each one fixed is dropped from the store (commit the
 * store's change). When a refactoring only moves an accepted dependency, re-record with
 * {@code -Darchunit.freeze.refreeze=true} and review the store's diff.
 */
@AnalyzeClasses(packages = "io.trainstream.consumers", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleDependencyRulesTest {

    @ArchTest
    static final ArchRule consumersAreALibraryThatNothingButTheCliWires = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("io.trainstream.cli..", "io.trainstream.broker..",
                    "io.trainstream.bench..", "io.trainstream.examples..")
            .because("callback-consumers is a library, cli wires it, and nothing depends on cli (DESIGN.md)");

    @ArchTest
    static final ArchRule consumersUseNoDjlThemselves = noClasses()
            .should().dependOnClassesThat().resideInAPackage("ai.djl..")
            .because("no DJL in a consumer process (DESIGN.md)");

    @ArchTest
    static final ArchRule consumersDoNotDependOnTheTrainerExceptWhereTheyDidAlready = FreezingArchRule.freeze(noClasses()
            .should().dependOnClassesThat().resideInAPackage("io.trainstream.trainer..")
            .because("consumers read typed events, not the trainer (DESIGN.md; does not hold yet: frozen)"));
}
