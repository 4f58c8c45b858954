package dev.twinledger.commandside.inventory;

import dev.twinledger.api.inventory.HostRegistered;
import dev.twinledger.api.inventory.RegisterHost;
import dev.twinledger.commandside.domain.RuleViolation;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

class HostTest {

    private static final long MEMORY = 512 * 1024;

    private AggregateTestFixture<Host> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Host.class);
        fixture.registerInjectableResource(new FakeInventory().withSite("dc1"));
    }

    @Test
    void registeringAHostAtAnExistingSiteRecordsHostRegistered() {
        fixture.givenNoPriorActivity()
                .when(new RegisterHost("hv-01", "dc1", "hv01.dc1", 64, MEMORY, 0, 1.0, false))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new HostRegistered("hv-01", "dc1", "hv01.dc1", 64, MEMORY, 0, 1.0, false));
    }

    @Test
    void registeringAHostAtAnUnknownSiteIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterHost("hv-01", "dc9", "hv01.dc9", 64, MEMORY, 0, 1.0, false))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(allOf(containsString("dc9"), containsString("does not exist")))
                .expectNoEvents();
    }

    @Test
    void registeringATakenHostIdIsRefusedByTheStore() {
        fixture.given(new HostRegistered("hv-01", "dc1", "hv01.dc1", 64, MEMORY, 0, 1.0, false))
                .when(new RegisterHost("hv-01", "dc1", "other", 8, 1024, 0, 1.0, false))
                .expectException(EventStoreException.class)
                .expectNoEvents();
    }

    @Test
    void nonPositiveCpuCoresAreRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterHost("hv-01", "dc1", "hv01.dc1", 0, MEMORY, 0, 1.0, false))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("cpuCores"))
                .expectNoEvents();
    }

    @Test
    void negativeMemoryIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterHost("hv-01", "dc1", "hv01.dc1", 64, -1, 0, 1.0, false))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("memoryMib"))
                .expectNoEvents();
    }

    @Test
    void blankNameIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterHost("hv-01", "dc1", "", 64, MEMORY, 0, 1.0, false))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("name"))
                .expectNoEvents();
    }
}
