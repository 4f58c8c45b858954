package dev.twinledger.projections.pointintime;

import dev.twinledger.api.capacity.CapacityAlertCleared;
import dev.twinledger.api.capacity.CapacityAlertRaised;
import dev.twinledger.api.inventory.HostDecommissioned;
import dev.twinledger.api.inventory.HostMaintenanceEnded;
import dev.twinledger.api.inventory.HostMaintenanceStarted;
import dev.twinledger.api.inventory.HostMemoryAllocated;
import dev.twinledger.api.inventory.HostMemoryReleased;
import dev.twinledger.api.inventory.HostRegistered;
import dev.twinledger.api.inventory.HostState;
import dev.twinledger.api.inventory.HostTemporaryChanged;
import dev.twinledger.api.inventory.HostUpgraded;

import java.time.Instant;
import java.util.Objects;

/** A host's state from the events of its own stream: lifecycle, memory totals and capacity alerts. */
final class HostFold {

    private HostFold() {
    }

    static HostSnapshot registered(HostRegistered event, Instant at) {
        // Events stored before overcommit existed carry 0.0; the contract says to read that as no overcommit.
        double overcommit = Math.max(1.0, event.overcommitRatio());
        long capacity = (long) Math.floor((event.memoryMib() - event.reservedMemoryMib()) * overcommit);
        return new HostSnapshot(event.hostId(), event.siteId(), event.name(), event.cpuCores(), event.memoryMib(),
                event.reservedMemoryMib(), overcommit, capacity, 0, event.temporary(), null, HostState.ACTIVE, null,
                null, at, null, null);
    }

    /** The host after {@code event}; unchanged by events that say nothing about it. */
    static HostSnapshot apply(HostSnapshot host, Object event, Instant at) {
        if (event instanceof HostMemoryAllocated allocated) {
            // The event carries the host's totals after the change: set, never add up.
            return host.withMemory(allocated.allocatedMib(), allocated.capacityMib());
        }
        if (event instanceof HostMemoryReleased released) {
            return host.withMemory(released.allocatedMib(), released.capacityMib());
        }
        if (event instanceof CapacityAlertRaised raised) {
            return host.withOpenAlert(raised.alertId(), raised.severity());
        }
        if (event instanceof CapacityAlertCleared cleared) {
            return Objects.equals(cleared.alertId(), host.openAlertId()) ? host.withOpenAlert(null, null) : host;
        }
        if (event instanceof HostMaintenanceStarted) {
            return host.withState(HostState.MAINTENANCE, host.decommissionedAt());
        }
        if (event instanceof HostMaintenanceEnded) {
            return host.withState(HostState.ACTIVE, host.decommissionedAt());
        }
        if (event instanceof HostDecommissioned) {
            return host.withState(HostState.DECOMMISSIONED, at);
        }
        if (event instanceof HostTemporaryChanged changed) {
            return host.withTemporary(changed.temporary());
        }
        if (event instanceof HostUpgraded upgraded) {
            return host.withUpgrade(upgraded.softwareVersion(), at);
        }
        return host;
    }
}
