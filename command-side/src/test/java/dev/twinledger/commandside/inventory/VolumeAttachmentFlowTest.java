package dev.twinledger.commandside.inventory;

import dev.twinledger.api.inventory.AttachVolume;
import dev.twinledger.api.inventory.CreateVolume;
import dev.twinledger.api.inventory.DecommissionVm;
import dev.twinledger.api.inventory.DetachVolume;
import dev.twinledger.api.inventory.Environment;
import dev.twinledger.api.inventory.HostState;
import dev.twinledger.api.inventory.ProvisionVm;
import dev.twinledger.api.inventory.RegisterHost;
import dev.twinledger.api.inventory.VmDecommissioned;
import dev.twinledger.api.inventory.VmVolumeAttached;
import dev.twinledger.api.inventory.VmVolumeDetached;
import dev.twinledger.api.inventory.VolumeAttached;
import dev.twinledger.api.inventory.VolumeCreated;
import dev.twinledger.api.inventory.VolumeDetached;
import dev.twinledger.commandside.domain.RuleViolation;
import dev.twinledger.commandside.domain.StateConflict;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.Message;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Attaching and detaching across the two aggregates, with the real {@link EventSourcedVolumeAttachments} on an
 * in-memory Axon event store: the volume's and the VM's events are stored together, the VM's first, or neither is.
 * (An aggregate fixture holds one aggregate, so it cannot show this; {@code CommandApiIT} shows it on PostgreSQL.)
 */
class VolumeAttachmentFlowTest {

    private InMemoryEventStorageEngine storage;
    private Configuration axon;

    @BeforeEach
    void start() {
        storage = new InMemoryEventStorageEngine();
        FakeInventory inventory = new FakeInventory().withSite("dc1").withSite("dc2")
                .withHost("hv-01", "dc1", HostState.ACTIVE).withHost("hv-21", "dc2", HostState.ACTIVE);
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> JacksonSerializer.defaultSerializer())
                .configureEmbeddedEventStore(c -> storage)
                .registerComponent(InventoryLookup.class, c -> inventory)
                .registerComponent(VolumeAttachments.class, EventSourcedVolumeAttachments::new)
                .registerComponent(HostMemory.class, c -> new HostMemory(c, CapacityThresholds.DEFAULT));
        new InventoryAggregates().configureModule(configurer);
        axon = configurer.buildConfiguration();
        axon.start();
        send(new RegisterHost("hv-01", "dc1", "hv-01.example", 32, 65536, 0, 1.0, false));
        send(new RegisterHost("hv-21", "dc2", "hv-21.example", 32, 65536, 0, 1.0, false));
        send(new ProvisionVm("vm-1", "web-1", "dc1", "hv-01", "eproc", Environment.PROD, 2, 4096, null));
        send(new ProvisionVm("vm-2", "web-2", "dc2", "hv-21", "eproc", Environment.PROD, 2, 4096, null));
        send(new CreateVolume("vol-1", "db-data", "dc1", "eproc", 100));
    }

    @AfterEach
    void stop() {
        axon.shutdown();
    }

    @Test
    void attachingStoresTheVmsEventAndThenTheVolumesEvent() {
        long before = allEvents().size();

        send(new AttachVolume("vol-1", "vm-1"));

        assertThat(allEvents().subList((int) before, allEvents().size())).containsExactly(
                new VmVolumeAttached("vm-1", "vol-1"), new VolumeAttached("vol-1", "vm-1", "dc1"));
    }

    @Test
    void detachingStoresTheVmsEventAndThenTheVolumesEvent() {
        send(new AttachVolume("vol-1", "vm-1"));
        long before = allEvents().size();

        send(new DetachVolume("vol-1"));

        assertThat(allEvents().subList((int) before, allEvents().size())).containsExactly(
                new VmVolumeDetached("vm-1", "vol-1"), new VolumeDetached("vol-1", "vm-1", "dc1"));
    }

    @Test
    void aVmAtAnotherSiteIsRefusedAndNothingIsStored() {
        assertRefusedStoringNothing(new AttachVolume("vol-1", "vm-2"), RuleViolation.class,
                "VM 'vm-2' runs at site 'dc2', volume 'vol-1' is at site 'dc1'");
    }

    @Test
    void aDecommissionedVmIsAConflictAndNothingIsStored() {
        send(new DecommissionVm("vm-1"));

        assertRefusedStoringNothing(new AttachVolume("vol-1", "vm-1"), StateConflict.class,
                "VM 'vm-1' is decommissioned and accepts no further changes");
    }

    @Test
    void anUnknownVmIsRefusedAndNothingIsStored() {
        assertRefusedStoringNothing(new AttachVolume("vol-1", "vm-9"), RuleViolation.class,
                "VM 'vm-9' does not exist");
    }

    @Test
    void theIdOfAnotherKindOfResourceIsNoVm() {
        send(new CreateVolume("vol-2", "logs", "dc1", "eproc", 10));

        assertRefusedStoringNothing(new AttachVolume("vol-1", "vol-2"), RuleViolation.class,
                "VM 'vol-2' does not exist");
    }

    @Test
    void theVmRefusesDecommissioningUntilItsVolumeIsDetached() {
        send(new AttachVolume("vol-1", "vm-1"));

        assertRefusedStoringNothing(new DecommissionVm("vm-1"), StateConflict.class,
                "VM 'vm-1' still has volumes attached: vol-1; detach them first");

        send(new DetachVolume("vol-1"));
        send(new DecommissionVm("vm-1"));
        assertThat(eventsOf("vm-1")).last().isEqualTo(new VmDecommissioned("vm-1", "dc1", "hv-01"));
    }

    @Test
    void theVolumeRemembersNothingOfARefusedAttachment() {
        assertThatThrownBy(() -> send(new AttachVolume("vol-1", "vm-2"))).isInstanceOf(RuleViolation.class);

        send(new AttachVolume("vol-1", "vm-1"));

        assertThat(eventsOf("vol-1")).containsExactly(new VolumeCreated("vol-1", "db-data", "dc1", "eproc", 100),
                new VolumeAttached("vol-1", "vm-1", "dc1"));
    }

    private void assertRefusedStoringNothing(Object command, Class<? extends RuntimeException> refusal,
                                             String message) {
        List<Object> before = allEvents();

        assertThatThrownBy(() -> send(command)).isInstanceOf(refusal).hasMessage(message);

        assertThat(allEvents()).isEqualTo(before);
    }

    private void send(Object command) {
        axon.commandGateway().sendAndWait(command);
    }

    private List<Object> eventsOf(String aggregateId) {
        return axon.eventStore().readEvents(aggregateId).asStream().map(Message::getPayload)
                .map(Object.class::cast).toList();
    }

    private List<Object> allEvents() {
        return storage.readEvents(null, false).map(Message::getPayload).map(Object.class::cast).toList();
    }
}
