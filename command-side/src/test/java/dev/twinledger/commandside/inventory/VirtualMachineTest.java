package dev.twinledger.commandside.inventory;

import dev.twinledger.api.inventory.DecommissionVm;
import dev.twinledger.api.inventory.Environment;
import dev.twinledger.api.inventory.HostRegistered;
import dev.twinledger.api.inventory.HostState;
import dev.twinledger.api.inventory.ProvisionVm;
import dev.twinledger.api.inventory.VmDecommissioned;
import dev.twinledger.api.inventory.VmProvisioned;
import dev.twinledger.commandside.domain.RuleViolation;
import dev.twinledger.commandside.domain.StateConflict;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

class VirtualMachineTest {

    private AggregateTestFixture<VirtualMachine> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(VirtualMachine.class);
        fixture.registerInjectableResource(new FakeInventory()
                .withSite("dc1")
                .withSite("dc2")
                .withHost("hv-01", "dc1", HostState.ACTIVE)
                .withHost("hv-02", "dc1", HostState.MAINTENANCE)
                .withHost("hv-21", "dc2", HostState.ACTIVE));
    }

    @Test
    void provisioningOnAnActiveHostOfTheSameSiteRecordsVmProvisioned() {
        fixture.givenNoPriorActivity()
                .when(provision("vm-1", "dc1", "hv-01"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(provisioned("vm-1", "dc1", "hv-01"));
    }

    @Test
    void provisioningAtAnUnknownSiteIsRefused() {
        fixture.givenNoPriorActivity()
                .when(provision("vm-1", "dc9", "hv-01"))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(allOf(containsString("site 'dc9'"), containsString("does not exist")))
                .expectNoEvents();
    }

    @Test
    void provisioningForAnUnregisteredProjectIsRefused() {
        AggregateTestFixture<VirtualMachine> onlyTenders = new AggregateTestFixture<>(VirtualMachine.class);
        onlyTenders.registerInjectableResource(new FakeInventory().withSite("dc1")
                .withHost("hv-01", "dc1", HostState.ACTIVE).withProject("tenders"));

        onlyTenders.givenNoPriorActivity()
                .when(provision("vm-1", "dc1", "hv-01"))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("project 'eproc' is not registered")
                .expectNoEvents();
    }

    @Test
    void provisioningOnAnUnknownHostIsRefused() {
        fixture.givenNoPriorActivity()
                .when(provision("vm-1", "dc1", "hv-99"))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(allOf(containsString("host 'hv-99'"), containsString("does not exist")))
                .expectNoEvents();
    }

    @Test
    void provisioningOnAHostOfAnotherSiteIsRefused() {
        fixture.givenNoPriorActivity()
                .when(provision("vm-1", "dc1", "hv-21"))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("stands in site 'dc2', not in 'dc1'"))
                .expectNoEvents();
    }

    @Test
    void provisioningOnAHostInMaintenanceIsRefused() {
        fixture.givenNoPriorActivity()
                .when(provision("vm-1", "dc1", "hv-02"))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(allOf(containsString("hv-02"), containsString("MAINTENANCE")))
                .expectNoEvents();
    }

    @Test
    void provisioningATakenVmIdIsRefusedByTheStore() {
        fixture.given(provisioned("vm-1", "dc1", "hv-01"))
                .when(provision("vm-1", "dc1", "hv-01"))
                .expectException(EventStoreException.class)
                .expectNoEvents();
    }

    @Test
    void nonPositiveVcpusAreRefused() {
        fixture.givenNoPriorActivity()
                .when(new ProvisionVm("vm-1", "web-1", "dc1", "hv-01", "eproc", Environment.PROD, 0, 4096, null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("vcpus"))
                .expectNoEvents();
    }

    @Test
    void missingEnvironmentIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new ProvisionVm("vm-1", "web-1", "dc1", "hv-01", "eproc", null, 2, 4096, null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("environment"))
                .expectNoEvents();
    }

    @Test
    void decommissioningAnActiveVmRecordsVmDecommissionedNamingTheReleasedHost() {
        fixture.given(provisioned("vm-1", "dc1", "hv-01"))
                .when(new DecommissionVm("vm-1"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new VmDecommissioned("vm-1", "dc1", "hv-01"));
    }

    @Test
    void decommissioningADecommissionedVmIsAConflict() {
        fixture.given(provisioned("vm-1", "dc1", "hv-01"), new VmDecommissioned("vm-1", "dc1", "hv-01"))
                .when(new DecommissionVm("vm-1"))
                .expectException(StateConflict.class)
                .expectExceptionMessage(containsString("decommissioned"))
                .expectNoEvents();
    }

    @Test
    void decommissioningAVmThatWasNeverProvisionedIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new DecommissionVm("vm-1"))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    /**
     * Ids are shared by all aggregate types in the store: the events under this id are a host's, so no VM can be
     * loaded from them (the web edge answers 404).
     */
    @Test
    void decommissioningTheIdOfAnotherKindOfResourceFindsNoVm() {
        fixture.given(new HostRegistered("vm-1", "dc1", "hv", 8, 1024, 0, 1.0, false))
                .when(new DecommissionVm("vm-1"))
                .expectException(IncompatibleAggregateException.class)
                .expectNoEvents();
    }

    private static ProvisionVm provision(String vmId, String siteId, String hostId) {
        return new ProvisionVm(vmId, "web-1", siteId, hostId, "eproc", Environment.PROD, 2, 4096, null);
    }

    private static VmProvisioned provisioned(String vmId, String siteId, String hostId) {
        return new VmProvisioned(vmId, "web-1", siteId, hostId, "eproc", Environment.PROD, 2, 4096, null);
    }
}
