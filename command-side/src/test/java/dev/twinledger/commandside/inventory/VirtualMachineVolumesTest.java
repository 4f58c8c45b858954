package dev.twinledger.commandside.inventory;

import dev.twinledger.api.inventory.DecommissionVm;
import dev.twinledger.api.inventory.Environment;
import dev.twinledger.api.inventory.VmDecommissioned;
import dev.twinledger.api.inventory.VmProvisioned;
import dev.twinledger.api.inventory.VmVolumeAttached;
import dev.twinledger.api.inventory.VmVolumeDetached;
import dev.twinledger.commandside.domain.StateConflict;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a VM keeps of its volumes, from its own events: it refuses to be decommissioned while any is attached. How the
 * attach and detach events get onto the VM is shown by {@link VolumeAttachmentFlowTest}.
 */
class VirtualMachineVolumesTest {

    private static final VmProvisioned PROVISIONED = new VmProvisioned("vm-1", "web-1", "dc1", "hv-01", "eproc",
            Environment.PROD, 2, 4096, null);

    private HostsBeside hosts;
    private AggregateTestFixture<VirtualMachine> fixture;

    @BeforeEach
    void setUp() {
        hosts = new HostsBeside().host("hv-01", "dc1", 16384);
        fixture = new AggregateTestFixture<>(VirtualMachine.class);
        fixture.registerInjectableResource(hosts.lookup(new FakeInventory().withSite("dc1")));
        fixture.registerInjectableResource(hosts.memory());
    }

    @AfterEach
    void tearDown() {
        hosts.close();
    }

    @Test
    void decommissioningWithVolumesAttachedIsAConflictNamingThemAll() {
        fixture.given(PROVISIONED, new VmVolumeAttached("vm-1", "vol-b"), new VmVolumeAttached("vm-1", "vol-a"))
                .when(new DecommissionVm("vm-1"))
                .expectException(StateConflict.class)
                .expectExceptionMessage("VM 'vm-1' still has volumes attached: vol-a, vol-b; detach them first")
                .expectNoEvents();
    }

    @Test
    void aDetachedVolumeNoLongerHoldsTheVmBack() {
        fixture.given(PROVISIONED, new VmVolumeAttached("vm-1", "vol-a"), new VmVolumeAttached("vm-1", "vol-b"),
                        new VmVolumeDetached("vm-1", "vol-b"))
                .when(new DecommissionVm("vm-1"))
                .expectException(StateConflict.class)
                .expectExceptionMessage("VM 'vm-1' still has volumes attached: vol-a; detach them first");
    }

    @Test
    void onceEveryVolumeIsDetachedTheVmCanBeDecommissioned() {
        fixture.given(PROVISIONED, new VmVolumeAttached("vm-1", "vol-a"), new VmVolumeDetached("vm-1", "vol-a"))
                .when(new DecommissionVm("vm-1"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new VmDecommissioned("vm-1", "dc1", "hv-01"));
    }
}
