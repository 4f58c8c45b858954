package dev.twinledger.queryside;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The module boundaries of DESIGN.md that concern the query side. */
@AnalyzeClasses(packages = "dev.twinledger.queryside", importOptions = ImportOption.DoNotIncludeTests.class)
class QuerySideArchitectureTest {

    @ArchTest
    static final ArchRule sendsNoCommands = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.axonframework.commandhandling..")
            .because("the query side never sends commands");

    @ArchTest
    static final ArchRule knowsNothingOfTheCommandSide = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("dev.twinledger.commandside..",
                    "dev.twinledger.command..")
            .because("the query side never reads the command side's database or code");

    @ArchTest
    static final ArchRule featuresDoNotDependOnWiring = noClasses()
            .that().resideInAnyPackage("..queryside.inventory..", "..queryside.capacity..", "..queryside.migration..",
                    "..queryside.campaign..", "..queryside.storage..", "..queryside.history..",
                    "..queryside.access..", "..queryside.audit..", "..queryside.pointintime..",
                    "..queryside.asof..", "..queryside.readmodel..", "..queryside.consistency..",
                    "..queryside.web..")
            .should().dependOnClassesThat(resideInAPackage("..queryside.config..")
                    .and(not(simpleNameEndingWith("Properties"))))
            .because("configuration depends on features, not the reverse (typed properties excepted)");

    @ArchTest
    static final ArchRule featuresReadOnlyThroughTheReadModel = noClasses()
            .that().resideInAnyPackage("..queryside.inventory..", "..queryside.capacity..", "..queryside.migration..",
                    "..queryside.campaign..", "..queryside.storage..", "..queryside.history..",
                    "..queryside.access..", "..queryside.audit..", "..queryside.pointintime..",
                    "..queryside.asof..")
            .should().dependOnClassesThat().resideInAnyPackage("org.axonframework..",
                    "dev.twinledger.projections.config..")
            .because("queries read the projections' tables; they neither handle events nor wire processors");
}
