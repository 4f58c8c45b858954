package dev.twinledger.commandside.inventory;

import dev.twinledger.api.inventory.Platform;
import dev.twinledger.api.inventory.RegisterSite;
import dev.twinledger.api.inventory.SiteRegistered;
import dev.twinledger.commandside.domain.RuleViolation;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;

class SiteTest {

    private AggregateTestFixture<Site> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Site.class);
    }

    @Test
    void registeringANewSiteRecordsSiteRegistered() {
        fixture.givenNoPriorActivity()
                .when(new RegisterSite("dc1", "Data centre 1", Platform.OPENSTACK))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SiteRegistered("dc1", "Data centre 1", Platform.OPENSTACK));
    }

    /**
     * The aggregate does not look for an earlier registration: it starts a new stream at sequence 0, and the store
     * refuses a second stream under the id (the fixture's store here, the unique constraint in PostgreSQL).
     */
    @Test
    void registeringATakenSiteIdIsRefusedByTheStore() {
        fixture.given(new SiteRegistered("dc1", "Data centre 1", Platform.OPENSTACK))
                .when(new RegisterSite("dc1", "Another", Platform.VMWARE))
                .expectException(EventStoreException.class)
                .expectNoEvents();
    }

    @Test
    void blankNameIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterSite("dc1", "  ", Platform.OPENSTACK))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("name"))
                .expectNoEvents();
    }

    @Test
    void missingPlatformIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterSite("dc1", "Data centre 1", null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("platform"))
                .expectNoEvents();
    }

    @Test
    void malformedIdIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterSite("dc 1", "Data centre 1", Platform.OPENSTACK))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("siteId"))
                .expectNoEvents();
    }
}
