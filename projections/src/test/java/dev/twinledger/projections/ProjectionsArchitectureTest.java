package dev.twinledger.projections;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The module boundaries of DESIGN.md that concern the projections. */
@AnalyzeClasses(packages = "dev.twinledger.projections", importOptions = ImportOption.DoNotIncludeTests.class)
class ProjectionsArchitectureTest {

    @ArchTest
    static final ArchRule projectionsSendNoCommands = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.axonframework.commandhandling..")
            .because("projections only consume events; they never send commands");

    @ArchTest
    static final ArchRule projectionsDoNotKnowTheServices = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("dev.twinledger.queryside..",
                    "dev.twinledger.commandside..", "dev.twinledger.command..")
            .because("projections are a library the query side builds on, not the other way round");

    @ArchTest
    static final ArchRule inventoryIsIndependentOfSpringWiring = noClasses()
            .that().resideInAPackage("..projections.inventory..")
            .should().dependOnClassesThat().resideInAnyPackage("..projections.config..")
            .because("the wiring depends on the features, not the reverse");
}
