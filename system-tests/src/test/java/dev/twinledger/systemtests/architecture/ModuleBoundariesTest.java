package dev.twinledger.systemtests.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.containAnyFieldsThat;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The module boundaries of DESIGN.md and docs/adr/0004, checked on the compiled production classes of every module. */
class ModuleBoundariesTest {

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.twinledger");
    }

    @Test
    void apiDependsOnNothingButTheJdkAndAxonAnnotations() {
        classes().that().resideInAPackage("dev.twinledger.api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "java..", "dev.twinledger.api..", "org.axonframework.modelling.command")
                .check(production);
    }

    /** Pure Java over the api; the access state's persistent collections (pcollections) are the one library. */
    @Test
    void policiesArePureJavaOverTheApi() {
        noClasses().that().resideInAPackage("dev.twinledger.policies..")
                .should().dependOnClassesThat().resideOutsideOfPackages(
                        "java..", "dev.twinledger.policies..", "dev.twinledger.api..", "org.pcollections..")
                .allowEmptyShould(true)
                .check(production);
    }

    @Test
    void commandSideNeverTouchesReadModelCode() {
        noClasses().that().resideInAPackage("dev.twinledger.commandside..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.twinledger.projections..", "dev.twinledger.queryside..")
                .check(production);
    }

    @Test
    void projectionsAndQuerySideNeverSendCommands() {
        noClasses().that().resideInAnyPackage("dev.twinledger.projections..", "dev.twinledger.queryside..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.twinledger.commandside..", "org.axonframework.commandhandling..")
                .check(production);
    }

    @Test
    void projectionsDoNotDependOnTheQueryService() {
        noClasses().that().resideInAPackage("dev.twinledger.projections..")
                .should().dependOnClassesThat().resideInAPackage("dev.twinledger.queryside..")
                .check(production);
    }

    @Test
    void aggregatesAreFreeOfSpring() {
        // Aggregates are registered through Axon's configurer, not a Spring stereotype: find them by their identifier.
        classes().that(containAnyFieldsThat(annotatedWith(AggregateIdentifier.class)))
                .should().onlyDependOnClassesThat().resideOutsideOfPackage("org.springframework..")
                .check(production);
    }

    @Test
    void theWireFormatIsFreeOfSpring() {
        noClasses().that().resideInAPackage("dev.twinledger.transport..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .check(production);
    }

    @Test
    void theAuditFormatNeedsOnlyTheJdkAndJacksonSoAuditorsCanRunItAlone() {
        classes().that().resideInAPackage("dev.twinledger.auditformat..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "dev.twinledger.auditformat..", "java..", "javax..", "com.fasterxml.jackson..")
                .check(production);
    }

    @Test
    void topLevelModulesHaveNoCycles() {
        slices().matching("dev.twinledger.(*)..").should().beFreeOfCycles().check(production);
    }
}
