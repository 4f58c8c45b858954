package dev.twinledger.commandside.inventory;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.twinledger.api.capacity.AlertSeverity;
import dev.twinledger.api.capacity.CapacityAlertCleared;
import dev.twinledger.api.capacity.CapacityAlertRaised;
import dev.twinledger.api.inventory.DecommissionHost;
import dev.twinledger.api.inventory.EndHostMaintenance;
import dev.twinledger.api.inventory.HostDecommissioned;
import dev.twinledger.api.inventory.HostMaintenanceEnded;
import dev.twinledger.api.inventory.HostMaintenanceStarted;
import dev.twinledger.api.inventory.HostMemoryAllocated;
import dev.twinledger.api.inventory.HostMemoryReleased;
import dev.twinledger.api.inventory.HostRegistered;
import dev.twinledger.api.inventory.HostState;
import dev.twinledger.api.inventory.HostTemporaryChanged;
import dev.twinledger.api.inventory.HostUpgraded;
import dev.twinledger.api.inventory.MarkHostUpgraded;
import dev.twinledger.api.inventory.RegisterHost;
import dev.twinledger.api.inventory.SetHostTemporary;
import dev.twinledger.api.inventory.StartHostMaintenance;
import dev.twinledger.commandside.domain.RuleViolation;
import dev.twinledger.commandside.domain.StateConflict;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;

import java.util.Map;
import java.util.TreeMap;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A hypervisor host standing in one site. Only {@link HostState#ACTIVE} hosts take new VMs; a decommissioned host
 * refuses every command.
 *
 * <p>The host keeps the memory allocated on it by VM id. Memory moves arrive through {@link HostMemory} (VM
 * commands load the host and call {@link #allocate}, {@link #release} or {@link #resize}), never as commands of
 * their own, so that the VM's and the host's events commit together. Each memory move ends by comparing the host's
 * utilisation with the capacity thresholds: on a change of level the open alert is cleared and the new one raised,
 * on the host's own stream, so an alert is raised and cleared exactly once per transition.
 *
 * <p>A host's stream grows with every memory move, so Axon snapshots it (see {@link InventoryAggregates}): the
 * snapshot is this object written by the general (Jackson) serializer, field by field, and read back into a new
 * instance; every field below is state and must survive that round trip ({@code HostSnapshotTest}). The snapshot
 * carries this class's {@link Revision}, and a snapshot of another revision is ignored (the host is replayed from its
 * events instead): raise it whenever the fields change.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE,
        creatorVisibility = JsonAutoDetect.Visibility.NONE)
@Revision("1")
final class Host {

    static final double MIN_OVERCOMMIT = 1.0;
    static final double MAX_OVERCOMMIT = 4.0;

    @AggregateIdentifier
    private String hostId;
    private String siteId;
    private HostState state;
    private long capacityMib;
    private boolean temporary;
    /** Sorted so that messages listing VMs read the same every time (also when read back from a snapshot). */
    @JsonDeserialize(as = TreeMap.class)
    private final Map<String, Long> allocations = new TreeMap<>();
    private long allocatedMib;
    private String openAlertId;
    private AlertSeverity openAlertSeverity;
    private int alertsRaised;

    /**
     * Axon rebuilds a host by creating an empty instance and replaying its events into it, so it needs a no-arg
     * constructor; nothing else should call it.
     */
    Host() {
    }

    /** The site must exist; {@code inventory} is injected by Axon (a Spring bean at run time, a fake in tests). */
    @CommandHandler
    Host(RegisterHost command, InventoryLookup inventory) {
        Checks.id(command.hostId(), "hostId");
        Checks.id(command.siteId(), "siteId");
        Checks.name(command.name(), "name");
        Checks.positive(command.cpuCores(), "cpuCores");
        Checks.positive(command.memoryMib(), "memoryMib");
        if (command.reservedMemoryMib() < 0) {
            throw new RuleViolation("reservedMemoryMib must be at least 0, was " + command.reservedMemoryMib());
        }
        if (command.reservedMemoryMib() >= command.memoryMib()) {
            throw new RuleViolation("reservedMemoryMib (" + command.reservedMemoryMib() + ") must be below memoryMib ("
                    + command.memoryMib() + ")");
        }
        // Written so that NaN fails the comparison and is refused too.
        if (!(command.overcommitRatio() >= MIN_OVERCOMMIT && command.overcommitRatio() <= MAX_OVERCOMMIT)) {
            throw new RuleViolation("overcommitRatio must be from " + MIN_OVERCOMMIT + " to " + MAX_OVERCOMMIT
                    + ", was " + command.overcommitRatio());
        }
        if (!inventory.siteExists(command.siteId())) {
            throw new RuleViolation("site '" + command.siteId() + "' does not exist");
        }
        apply(new HostRegistered(command.hostId(), command.siteId(), command.name(), command.cpuCores(),
                command.memoryMib(), command.reservedMemoryMib(), command.overcommitRatio(), command.temporary()));
    }

    @CommandHandler
    void handle(StartHostMaintenance command) {
        requireChangeable();
        if (state != HostState.ACTIVE) {
            throw new StateConflict("host '" + hostId + "' is already in " + state + "; only an ACTIVE host can"
                    + " enter maintenance");
        }
        apply(new HostMaintenanceStarted(hostId, siteId));
    }

    @CommandHandler
    void handle(EndHostMaintenance command) {
        requireChangeable();
        if (state != HostState.MAINTENANCE) {
            throw new StateConflict("host '" + hostId + "' is " + state + ", not in MAINTENANCE; there is no"
                    + " maintenance to end");
        }
        apply(new HostMaintenanceEnded(hostId, siteId));
    }

    /** The upgrade is recorded on an evacuated host only: in maintenance, with nothing allocated. */
    @CommandHandler
    void handle(MarkHostUpgraded command) {
        requireChangeable();
        Checks.name(command.softwareVersion(), "softwareVersion");
        if (state != HostState.MAINTENANCE) {
            throw new StateConflict("host '" + hostId + "' is " + state + "; only a host in MAINTENANCE can be"
                    + " marked upgraded");
        }
        requireEmpty("marked upgraded");
        apply(new HostUpgraded(hostId, siteId, command.softwareVersion()));
    }

    /**
     * Setting the flag to the value it already has is accepted and stores nothing: the caller's intent already
     * holds, and a client retrying after a lost answer must not get an error.
     */
    @CommandHandler
    void handle(SetHostTemporary command) {
        requireChangeable();
        if (command.temporary() != temporary) {
            apply(new HostTemporaryChanged(hostId, siteId, command.temporary()));
        }
    }

    @CommandHandler
    void handle(DecommissionHost command) {
        requireChangeable();
        requireEmpty("decommissioned");
        apply(new HostDecommissioned(hostId, siteId));
    }

    /**
     * Allocates {@code memoryMib} to {@code vmId} (a new VM, or the target side of a migration), then raises or
     * clears alerts. Only an {@link HostState#ACTIVE} host with that much memory free takes it.
     *
     * @throws RuleViolation when the host is not active or the memory does not fit, naming needed and free MiB
     */
    void allocate(String vmId, long memoryMib, CapacityThresholds thresholds) {
        requireRoomFor(memoryMib, "VM '" + vmId + "'");
        apply(new HostMemoryAllocated(hostId, siteId, vmId, memoryMib, allocatedMib + memoryMib, capacityMib));
        raiseOrClearAlerts(thresholds);
    }

    /**
     * Releases whatever {@code vmId} holds on this host, then raises or clears alerts. A VM that holds nothing here
     * (placed before memory was accounted) releases nothing and changes nothing.
     */
    void release(String vmId, CapacityThresholds thresholds) {
        Long held = allocations.get(vmId);
        if (held == null) {
            return;
        }
        apply(new HostMemoryReleased(hostId, siteId, vmId, held, allocatedMib - held, capacityMib));
        raiseOrClearAlerts(thresholds);
    }

    /**
     * Re-allocates {@code vmId} at {@code memoryMib}: its current allocation is released and the new size allocated,
     * and alerts are evaluated once, after both. Growth needs an active host with the growth free; shrinking is
     * always possible.
     */
    void resize(String vmId, long memoryMib, CapacityThresholds thresholds) {
        long held = allocations.getOrDefault(vmId, 0L);
        if (memoryMib > held) {
            requireRoomFor(memoryMib - held, "growing VM '" + vmId + "' from " + held + " to " + memoryMib + " MiB");
        }
        if (held > 0) {
            apply(new HostMemoryReleased(hostId, siteId, vmId, held, allocatedMib - held, capacityMib));
        }
        apply(new HostMemoryAllocated(hostId, siteId, vmId, memoryMib, allocatedMib + memoryMib, capacityMib));
        raiseOrClearAlerts(thresholds);
    }

    @EventSourcingHandler
    void on(HostRegistered event) {
        hostId = event.hostId();
        siteId = event.siteId();
        state = HostState.ACTIVE;
        temporary = event.temporary();
        // Events stored before reserved memory and overcommit existed read as 0 and 0.0: no overcommit.
        double overcommit = Math.max(MIN_OVERCOMMIT, event.overcommitRatio());
        capacityMib = (long) Math.floor((event.memoryMib() - event.reservedMemoryMib()) * overcommit);
    }

    @EventSourcingHandler
    void on(HostMaintenanceStarted event) {
        state = HostState.MAINTENANCE;
    }

    @EventSourcingHandler
    void on(HostMaintenanceEnded event) {
        state = HostState.ACTIVE;
    }

    @EventSourcingHandler
    void on(HostTemporaryChanged event) {
        temporary = event.temporary();
    }

    @EventSourcingHandler
    void on(HostDecommissioned event) {
        state = HostState.DECOMMISSIONED;
    }

    @EventSourcingHandler
    void on(HostMemoryAllocated event) {
        allocations.merge(event.vmId(), event.memoryMib(), Long::sum);
        allocatedMib += event.memoryMib();
    }

    @EventSourcingHandler
    void on(HostMemoryReleased event) {
        allocations.computeIfPresent(event.vmId(), (vm, held) -> held > event.memoryMib()
                ? held - event.memoryMib() : null);
        allocatedMib -= event.memoryMib();
    }

    @EventSourcingHandler
    void on(CapacityAlertRaised event) {
        openAlertId = event.alertId();
        openAlertSeverity = event.severity();
        alertsRaised++;
    }

    @EventSourcingHandler
    void on(CapacityAlertCleared event) {
        if (event.alertId().equals(openAlertId)) {
            openAlertId = null;
            openAlertSeverity = null;
        }
    }

    /** Where this host stands and whether it takes new VMs. */
    InventoryLookup.HostPlacement placement() {
        return new InventoryLookup.HostPlacement(hostId, siteId, state);
    }

    /** This host's memory as it stands, for placement decisions. */
    InventoryLookup.HostCapacity capacity() {
        return new InventoryLookup.HostCapacity(hostId, siteId, state, temporary, capacityMib, allocatedMib,
                Map.copyOf(allocations));
    }

    /**
     * One comparison after all of a command's memory moves on this host: a level change clears the open alert (if
     * any) and raises the new one (if any). Staying at the same level changes nothing, so nothing repeats.
     */
    private void raiseOrClearAlerts(CapacityThresholds thresholds) {
        double utilization = utilizationPercent();
        AlertSeverity level = thresholds.severityAt(utilization);
        if (level == openAlertSeverity) {
            return;
        }
        if (openAlertId != null) {
            apply(new CapacityAlertCleared(openAlertId, hostId, siteId, openAlertSeverity, allocatedMib, capacityMib,
                    utilization));
        }
        if (level != null) {
            apply(new CapacityAlertRaised(hostId + ":" + (alertsRaised + 1), hostId, siteId, level, allocatedMib,
                    capacityMib, utilization, thresholds.thresholdOf(level)));
        }
    }

    private double utilizationPercent() {
        // Registration keeps reserved memory below physical memory, so capacity is at least 1 MiB.
        return allocatedMib * 100.0 / Math.max(1, capacityMib);
    }

    private void requireRoomFor(long neededMib, String forWhat) {
        if (state != HostState.ACTIVE) {
            String where = state == HostState.MAINTENANCE ? "in maintenance (MAINTENANCE)" : "decommissioned";
            throw new RuleViolation("host '" + hostId + "' is " + where + "; only an ACTIVE host takes memory for"
                    + " new VMs, incoming migrations or growth");
        }
        long freeMib = capacityMib - allocatedMib;
        if (neededMib > freeMib) {
            throw new RuleViolation("host '" + hostId + "' has " + Math.max(0, freeMib) + " MiB free of "
                    + capacityMib + " MiB; " + forWhat + " needs " + neededMib + " MiB");
        }
    }

    private void requireEmpty(String action) {
        if (!allocations.isEmpty()) {
            throw new StateConflict("host '" + hostId + "' still holds " + allocatedMib + " MiB for "
                    + allocations.size() + " VM(s) (" + someVms() + "); it can be " + action
                    + " only when nothing is allocated on it");
        }
    }

    /** The first few VMs holding memory here: enough to act on, short enough for a message. */
    private String someVms() {
        String listed = String.join(", ", allocations.keySet().stream().limit(5).toList());
        return allocations.size() > 5 ? listed + ", ..." : listed;
    }

    /** Every command on an existing host starts here, so a decommissioned host refuses them all. */
    private void requireChangeable() {
        if (state == HostState.DECOMMISSIONED) {
            throw new StateConflict("host '" + hostId + "' is decommissioned and accepts no further changes");
        }
    }
}
