package dev.twinledger.commandside.inventory;

import dev.twinledger.api.inventory.AttachVolume;
import dev.twinledger.api.inventory.CreateVolume;
import dev.twinledger.api.inventory.DeleteVolume;
import dev.twinledger.api.inventory.DetachVolume;
import dev.twinledger.api.inventory.VolumeAttached;
import dev.twinledger.api.inventory.VolumeCreated;
import dev.twinledger.api.inventory.VolumeDeleted;
import dev.twinledger.api.inventory.VolumeDetached;
import dev.twinledger.commandside.domain.CommandRefused;
import dev.twinledger.commandside.domain.RuleViolation;
import dev.twinledger.commandside.domain.StateConflict;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

/**
 * The volume's own rules and transitions. The VM's side of an attachment is stood in by {@link RecordingAttachments};
 * that both sides are stored together is shown by {@link VolumeAttachmentFlowTest}.
 */
class VolumeTest {

    private AggregateTestFixture<Volume> fixture;
    private RecordingAttachments attachments;

    @BeforeEach
    void setUp() {
        attachments = new RecordingAttachments();
        fixture = new AggregateTestFixture<>(Volume.class);
        fixture.registerInjectableResource(new FakeInventory().withSite("dc1").withProject("eproc"));
        fixture.registerInjectableResource(attachments);
    }

    @Test
    void creatingAVolumeAtAnExistingSiteForARegisteredProjectRecordsVolumeCreated() {
        fixture.givenNoPriorActivity()
                .when(new CreateVolume("vol-1", "db-data", "dc1", "eproc", 500))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created());
    }

    @Test
    void oneGibIsTheSmallestVolume() {
        fixture.givenNoPriorActivity()
                .when(new CreateVolume("vol-1", "db-data", "dc1", "eproc", 1))
                .expectEvents(new VolumeCreated("vol-1", "db-data", "dc1", "eproc", 1));
    }

    @Test
    void aVolumeSmallerThanOneGibIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreateVolume("vol-1", "db-data", "dc1", "eproc", 0))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(allOf(containsString("sizeGib"), containsString("at least 1")))
                .expectNoEvents();
    }

    @Test
    void creatingAtAnUnknownSiteIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreateVolume("vol-1", "db-data", "dc9", "eproc", 500))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("site 'dc9' does not exist")
                .expectNoEvents();
    }

    @Test
    void creatingForAnUnregisteredProjectIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreateVolume("vol-1", "db-data", "dc1", "ghost", 500))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("project 'ghost' is not registered")
                .expectNoEvents();
    }

    @Test
    void blankNameIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreateVolume("vol-1", "", "dc1", "eproc", 500))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("name"))
                .expectNoEvents();
    }

    @Test
    void malformedIdIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreateVolume("vol/1", "db-data", "dc1", "eproc", 500))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("volumeId"))
                .expectNoEvents();
    }

    @Test
    void creatingATakenVolumeIdIsRefusedByTheStore() {
        fixture.given(created())
                .when(new CreateVolume("vol-1", "other", "dc1", "eproc", 10))
                .expectException(EventStoreException.class)
                .expectNoEvents();
    }

    @Test
    void attachingAnAvailableVolumeRecordsItOnTheVmAndOnTheVolume() {
        fixture.given(created())
                .when(new AttachVolume("vol-1", "vm-1"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new VolumeAttached("vol-1", "vm-1", "dc1"));

        assertThat(attachments.calls).containsExactly("attach vm-1 vol-1 dc1");
    }

    @Test
    void whenTheVmRefusesTheVolumeIsNotAttached() {
        attachments.refuseWith = new StateConflict("VM 'vm-1' is decommissioned and accepts no further changes");

        fixture.given(created())
                .when(new AttachVolume("vol-1", "vm-1"))
                .expectException(StateConflict.class)
                .expectExceptionMessage(containsString("vm-1"))
                .expectNoEvents();
    }

    @Test
    void attachingAVolumeInUseIsAConflictNamingItsVm() {
        fixture.given(created(), new VolumeAttached("vol-1", "vm-1", "dc1"))
                .when(new AttachVolume("vol-1", "vm-2"))
                .expectException(StateConflict.class)
                .expectExceptionMessage(allOf(containsString("vol-1"), containsString("vm-1")))
                .expectNoEvents();

        assertThat(attachments.calls).isEmpty();
    }

    @Test
    void attachingToAMalformedVmIdIsRefused() {
        fixture.given(created())
                .when(new AttachVolume("vol-1", "vm 1"))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("vmId"))
                .expectNoEvents();
    }

    @Test
    void attachingAVolumeThatWasNeverCreatedIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new AttachVolume("vol-1", "vm-1"))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void detachingAVolumeInUseRecordsItOnTheVmAndOnTheVolume() {
        fixture.given(created(), new VolumeAttached("vol-1", "vm-1", "dc1"))
                .when(new DetachVolume("vol-1"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new VolumeDetached("vol-1", "vm-1", "dc1"));

        assertThat(attachments.calls).containsExactly("detach vm-1 vol-1");
    }

    @Test
    void detachingAnAvailableVolumeIsAConflict() {
        fixture.given(created(), new VolumeAttached("vol-1", "vm-1", "dc1"), new VolumeDetached("vol-1", "vm-1", "dc1"))
                .when(new DetachVolume("vol-1"))
                .expectException(StateConflict.class)
                .expectExceptionMessage("volume 'vol-1' is not attached to any VM")
                .expectNoEvents();
    }

    @Test
    void aDetachedVolumeCanBeAttachedAgain() {
        fixture.given(created(), new VolumeAttached("vol-1", "vm-1", "dc1"), new VolumeDetached("vol-1", "vm-1", "dc1"))
                .when(new AttachVolume("vol-1", "vm-2"))
                .expectEvents(new VolumeAttached("vol-1", "vm-2", "dc1"));
    }

    @Test
    void deletingAnAvailableVolumeRecordsVolumeDeleted() {
        fixture.given(created(), new VolumeAttached("vol-1", "vm-1", "dc1"), new VolumeDetached("vol-1", "vm-1", "dc1"))
                .when(new DeleteVolume("vol-1"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new VolumeDeleted("vol-1", "dc1"));
    }

    @Test
    void deletingAVolumeInUseIsAConflictNamingItsVm() {
        fixture.given(created(), new VolumeAttached("vol-1", "vm-1", "dc1"))
                .when(new DeleteVolume("vol-1"))
                .expectException(StateConflict.class)
                .expectExceptionMessage(allOf(containsString("vm-1"), containsString("detach")))
                .expectNoEvents();
    }

    @Test
    void aDeletedVolumeRefusesDeletion() {
        expectDeletedRefuses(new DeleteVolume("vol-1"));
    }

    @Test
    void aDeletedVolumeRefusesAttachment() {
        expectDeletedRefuses(new AttachVolume("vol-1", "vm-1"));
        assertThat(attachments.calls).isEmpty();
    }

    @Test
    void aDeletedVolumeRefusesDetachment() {
        expectDeletedRefuses(new DetachVolume("vol-1"));
    }

    private void expectDeletedRefuses(Object command) {
        fixture.given(created(), new VolumeDeleted("vol-1", "dc1"))
                .when(command)
                .expectException(StateConflict.class)
                .expectExceptionMessage("volume 'vol-1' is deleted and accepts no further changes")
                .expectNoEvents();
    }

    private static VolumeCreated created() {
        return new VolumeCreated("vol-1", "db-data", "dc1", "eproc", 500);
    }

    /** Records what the volume asked of its VM, and refuses when told to. */
    static final class RecordingAttachments implements VolumeAttachments {

        final List<String> calls = new ArrayList<>();
        CommandRefused refuseWith;

        @Override
        public void attach(String vmId, String volumeId, String volumeSiteId) {
            if (refuseWith != null) {
                throw refuseWith;
            }
            calls.add("attach " + vmId + " " + volumeId + " " + volumeSiteId);
        }

        @Override
        public void detach(String vmId, String volumeId) {
            if (refuseWith != null) {
                throw refuseWith;
            }
            calls.add("detach " + vmId + " " + volumeId);
        }
    }
}
