package dev.twinledger.commandside.storage;

import dev.twinledger.api.storage.ChangeReplicaPolicy;
import dev.twinledger.api.storage.ContainerCreated;
import dev.twinledger.api.storage.CreateContainer;
import dev.twinledger.api.storage.ReplicaPolicyChanged;
import dev.twinledger.api.storage.ReplicaStatus;
import dev.twinledger.api.storage.ReplicaStatusReported;
import dev.twinledger.api.storage.ReportReplicaStatus;
import dev.twinledger.commandside.domain.RuleViolation;
import dev.twinledger.commandside.inventory.FakeInventory;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

class ObjectContainerTest {

    private static final ContainerCreated CREATED = new ContainerCreated("ctr-1", "tender-docs", "eproc",
            Set.of("dc1", "dc2"));

    private AggregateTestFixture<ObjectContainer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ObjectContainer.class);
        fixture.registerInjectableResource(new FakeInventory().withSite("dc1").withSite("dc2").withSite("dc3")
                .withProject("eproc"));
    }

    @Test
    void creatingAContainerRecordsContainerCreatedWithItsPolicy() {
        fixture.givenNoPriorActivity()
                .when(new CreateContainer("ctr-1", "tender-docs", "eproc", Set.of("dc2", "dc1")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(CREATED);
    }

    @Test
    void anUnknownReplicaSiteIsRefusedByName() {
        fixture.givenNoPriorActivity()
                .when(new CreateContainer("ctr-1", "tender-docs", "eproc", Set.of("dc1", "dc9")))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("site 'dc9' does not exist")
                .expectNoEvents();
    }

    @Test
    void everyUnknownReplicaSiteIsNamed() {
        fixture.givenNoPriorActivity()
                .when(new CreateContainer("ctr-1", "tender-docs", "eproc", Set.of("dc9", "dc1", "dc8")))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("sites 'dc8', 'dc9' do not exist")
                .expectNoEvents();
    }

    @Test
    void aContainerWithoutReplicaSitesIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreateContainer("ctr-1", "tender-docs", "eproc", Set.of()))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("replicaSiteIds must name at least one site")
                .expectNoEvents();
    }

    @Test
    void aMissingReplicaPolicyIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreateContainer("ctr-1", "tender-docs", "eproc", null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("replicaSiteIds must name at least one site")
                .expectNoEvents();
    }

    @Test
    void aMalformedReplicaSiteIdIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreateContainer("ctr-1", "tender-docs", "eproc", new HashSet<>(Arrays.asList("dc1", null))))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("replicaSiteIds"))
                .expectNoEvents();
    }

    @Test
    void anUnregisteredProjectIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreateContainer("ctr-1", "tender-docs", "ghost", Set.of("dc1")))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("project 'ghost' is not registered")
                .expectNoEvents();
    }

    @Test
    void aBlankNameIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreateContainer("ctr-1", "  ", "eproc", Set.of("dc1")))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("name must not be blank")
                .expectNoEvents();
    }

    @Test
    void aNameWithASlashIsRefusedAsSwiftWould() {
        fixture.givenNoPriorActivity()
                .when(new CreateContainer("ctr-1", "tender/docs", "eproc", Set.of("dc1")))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("name must not contain '/'")
                .expectNoEvents();
    }

    @Test
    void aNameOver256BytesOfUtf8IsRefusedEvenWhenShorterInCharacters() {
        String name = "é".repeat(129);
        fixture.givenNoPriorActivity()
                .when(new CreateContainer("ctr-1", name, "eproc", Set.of("dc1")))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(allOf(containsString("256 bytes"), containsString("258")))
                .expectNoEvents();
    }

    @Test
    void aNameOfExactly256BytesIsAccepted() {
        String name = "é".repeat(128);
        fixture.givenNoPriorActivity()
                .when(new CreateContainer("ctr-1", name, "eproc", Set.of("dc1")))
                .expectEvents(new ContainerCreated("ctr-1", name, "eproc", Set.of("dc1")));
    }

    @Test
    void aMalformedContainerIdIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreateContainer("ctr 1", "tender-docs", "eproc", Set.of("dc1")))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("containerId"))
                .expectNoEvents();
    }

    @Test
    void creatingATakenContainerIdIsRefusedByTheStore() {
        fixture.given(CREATED)
                .when(new CreateContainer("ctr-1", "other", "eproc", Set.of("dc1")))
                .expectException(EventStoreException.class)
                .expectNoEvents();
    }

    @Test
    void changingThePolicyRecordsTheNewAndThePreviousSites() {
        fixture.given(CREATED)
                .when(new ChangeReplicaPolicy("ctr-1", Set.of("dc2", "dc3")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ReplicaPolicyChanged("ctr-1", Set.of("dc2", "dc3"), Set.of("dc1", "dc2")));
    }

    @Test
    void theSamePolicyAgainIsAcceptedAndStoresNothing() {
        fixture.given(CREATED)
                .when(new ChangeReplicaPolicy("ctr-1", Set.of("dc2", "dc1")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aPolicyNamingAnUnknownSiteIsRefused() {
        fixture.given(CREATED)
                .when(new ChangeReplicaPolicy("ctr-1", Set.of("dc1", "dc7")))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("site 'dc7' does not exist")
                .expectNoEvents();
    }

    @Test
    void anEmptyPolicyIsRefused() {
        fixture.given(CREATED)
                .when(new ChangeReplicaPolicy("ctr-1", Set.of()))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("replicaSiteIds must name at least one site")
                .expectNoEvents();
    }

    @Test
    void changingThePolicyOfAContainerThatWasNeverCreatedIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new ChangeReplicaPolicy("ctr-1", Set.of("dc1")))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void theFirstReportOfAReplicaFollowsUnknown() {
        fixture.given(CREATED)
                .when(new ReportReplicaStatus("ctr-1", "dc2", ReplicaStatus.LAGGING, "1240 objects behind"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ReplicaStatusReported("ctr-1", "dc2", ReplicaStatus.LAGGING, ReplicaStatus.UNKNOWN,
                        "1240 objects behind"));
    }

    @Test
    void aReportCarriesTheStatusItReplaces() {
        fixture.given(CREATED, reported("dc2", ReplicaStatus.LAGGING, ReplicaStatus.UNKNOWN, "behind"))
                .when(new ReportReplicaStatus("ctr-1", "dc2", ReplicaStatus.IN_SYNC, null))
                .expectEvents(new ReplicaStatusReported("ctr-1", "dc2", ReplicaStatus.IN_SYNC, ReplicaStatus.LAGGING,
                        null));
    }

    @Test
    void theSameStatusAndDetailAgainIsAcceptedAndStoresNothing() {
        fixture.given(CREATED, reported("dc1", ReplicaStatus.IN_SYNC, ReplicaStatus.UNKNOWN, null))
                .when(new ReportReplicaStatus("ctr-1", "dc1", ReplicaStatus.IN_SYNC, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theSameStatusWithANewDetailIsRecorded() {
        fixture.given(CREATED, reported("dc2", ReplicaStatus.LAGGING, ReplicaStatus.UNKNOWN, "1240 objects behind"))
                .when(new ReportReplicaStatus("ctr-1", "dc2", ReplicaStatus.LAGGING, "12 objects behind"))
                .expectEvents(new ReplicaStatusReported("ctr-1", "dc2", ReplicaStatus.LAGGING, ReplicaStatus.LAGGING,
                        "12 objects behind"));
    }

    @Test
    void reportingASiteOutsideThePolicyIsRefusedNamingThePolicy() {
        fixture.given(CREATED)
                .when(new ReportReplicaStatus("ctr-1", "dc3", ReplicaStatus.MISSING, null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("site 'dc3' is not in the replica policy of container 'ctr-1' (dc1, dc2)")
                .expectNoEvents();
    }

    @Test
    void reportingUnknownIsRefused() {
        fixture.given(CREATED)
                .when(new ReportReplicaStatus("ctr-1", "dc1", ReplicaStatus.UNKNOWN, null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("UNKNOWN cannot be reported"))
                .expectNoEvents();
    }

    @Test
    void reportingWithoutAStatusIsRefused() {
        fixture.given(CREATED)
                .when(new ReportReplicaStatus("ctr-1", "dc1", null, null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("status is required")
                .expectNoEvents();
    }

    @Test
    void aDetailOver500CharactersIsRefused() {
        fixture.given(CREATED)
                .when(new ReportReplicaStatus("ctr-1", "dc1", ReplicaStatus.LAGGING, "x".repeat(501)))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(allOf(containsString("detail"), containsString("500")))
                .expectNoEvents();
    }

    @Test
    void aSiteRemovedFromThePolicyCanNoLongerBeReported() {
        fixture.given(CREATED, new ReplicaPolicyChanged("ctr-1", Set.of("dc1"), Set.of("dc1", "dc2")))
                .when(new ReportReplicaStatus("ctr-1", "dc2", ReplicaStatus.IN_SYNC, null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("site 'dc2' is not in the replica policy"))
                .expectNoEvents();
    }

    @Test
    void aSiteKeptInThePolicyKeepsItsStatus() {
        fixture.given(CREATED, reported("dc1", ReplicaStatus.IN_SYNC, ReplicaStatus.UNKNOWN, null),
                        new ReplicaPolicyChanged("ctr-1", Set.of("dc1", "dc3"), Set.of("dc1", "dc2")))
                .when(new ReportReplicaStatus("ctr-1", "dc1", ReplicaStatus.LAGGING, null))
                .expectEvents(new ReplicaStatusReported("ctr-1", "dc1", ReplicaStatus.LAGGING, ReplicaStatus.IN_SYNC,
                        null));
    }

    @Test
    void aSiteAddedToThePolicyStartsUnknown() {
        fixture.given(CREATED, new ReplicaPolicyChanged("ctr-1", Set.of("dc1", "dc2", "dc3"), Set.of("dc1", "dc2")))
                .when(new ReportReplicaStatus("ctr-1", "dc3", ReplicaStatus.MISSING, null))
                .expectEvents(new ReplicaStatusReported("ctr-1", "dc3", ReplicaStatus.MISSING, ReplicaStatus.UNKNOWN,
                        null));
    }

    /** Its old status was dropped when it left: it comes back UNKNOWN, and the same report again is a change. */
    @Test
    void aSiteThatLeftAndCameBackStartsUnknownAgain() {
        fixture.given(CREATED, reported("dc2", ReplicaStatus.IN_SYNC, ReplicaStatus.UNKNOWN, null),
                        new ReplicaPolicyChanged("ctr-1", Set.of("dc1"), Set.of("dc1", "dc2")),
                        new ReplicaPolicyChanged("ctr-1", Set.of("dc1", "dc2"), Set.of("dc1")))
                .when(new ReportReplicaStatus("ctr-1", "dc2", ReplicaStatus.IN_SYNC, null))
                .expectEvents(new ReplicaStatusReported("ctr-1", "dc2", ReplicaStatus.IN_SYNC, ReplicaStatus.UNKNOWN,
                        null));
    }

    @Test
    void reportingOnAContainerThatWasNeverCreatedIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new ReportReplicaStatus("ctr-1", "dc1", ReplicaStatus.IN_SYNC, null))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    private static ReplicaStatusReported reported(String siteId, ReplicaStatus status, ReplicaStatus previous,
                                                  String detail) {
        return new ReplicaStatusReported("ctr-1", siteId, status, previous, detail);
    }
}
