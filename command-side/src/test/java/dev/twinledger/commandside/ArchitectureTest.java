package dev.twinledger.commandside;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The boundaries the module README promises, checked on the compiled classes. */
@AnalyzeClasses(packages = "dev.twinledger.commandside", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule aggregatesAndRefusalsAreFreeOfSpring = noClasses()
            .that().resideInAnyPackage("dev.twinledger.commandside.inventory", "dev.twinledger.commandside.domain",
                    "dev.twinledger.commandside.campaign")
            .should().dependOnClassesThat().resideInAPackage("org.springframework..");

    /** Refusals are plain Java; an access refusal also names the api's scope and turns into its denial event. */
    @ArchTest
    static final ArchRule refusalsArePlainJava = noClasses()
            .that().resideInAPackage("dev.twinledger.commandside.domain")
            .should().dependOnClassesThat().resideOutsideOfPackages("java..", "dev.twinledger.commandside.domain",
                    // AccessRefused speaks the api's access values: the scope it names and the denial event it makes.
                    "dev.twinledger.api..");

    @ArchTest
    static final ArchRule nothingButTheWebEdgeKnowsTheWebLayer = noClasses()
            .that().resideOutsideOfPackages("dev.twinledger.commandside.inventory.web")
            .should().dependOnClassesThat().resideInAPackage("dev.twinledger.commandside.inventory.web");

    @ArchTest
    static final ArchRule storageAggregatesAreFreeOfSpring = noClasses()
            .that().resideInAPackage("dev.twinledger.commandside.storage")
            .should().dependOnClassesThat().resideInAPackage("org.springframework..");

    @ArchTest
    static final ArchRule nothingButTheStorageWebEdgeKnowsIt = noClasses()
            .that().resideOutsideOfPackages("dev.twinledger.commandside.storage.web")
            .should().dependOnClassesThat().resideInAPackage("dev.twinledger.commandside.storage.web");

    @ArchTest
    static final ArchRule onlyTheWebEdgeKnowsTheAlertingEndpoint = noClasses()
            .that().resideOutsideOfPackages("dev.twinledger.commandside.alerting.web")
            .should().dependOnClassesThat().resideInAPackage("dev.twinledger.commandside.alerting.web");

    @ArchTest
    static final ArchRule nothingButTheCampaignWebEdgeKnowsIt = noClasses()
            .that().resideOutsideOfPackages("dev.twinledger.commandside.campaign.web")
            .should().dependOnClassesThat().resideInAPackage("dev.twinledger.commandside.campaign.web");

    @ArchTest
    static final ArchRule nothingButTheKeycloakSyncWebEdgeKnowsIt = noClasses()
            .that().resideOutsideOfPackages("dev.twinledger.commandside.keycloaksync.web")
            .should().dependOnClassesThat().resideInAPackage("dev.twinledger.commandside.keycloaksync.web");

    @ArchTest
    static final ArchRule theKeycloakSyncDecisionIsPlainJava = noClasses()
            .that().haveSimpleNameStartingWith("Reconciliation").or().haveSimpleNameStartingWith("DesiredState")
            .or().haveSimpleNameStartingWith("SyncPlan").or().haveSimpleNameStartingWith("PushedState")
            .or().haveSimpleNameStartingWith("KeycloakGroups")
            .should().dependOnClassesThat().resideInAPackage("org.springframework..");

    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching("dev.twinledger.commandside.(*)..")
            .should().beFreeOfCycles();
}
