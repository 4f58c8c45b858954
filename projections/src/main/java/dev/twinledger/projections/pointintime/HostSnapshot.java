package dev.twinledger.projections.pointintime;

import dev.twinledger.api.capacity.AlertSeverity;
import dev.twinledger.api.inventory.HostState;

import java.time.Instant;
import java.util.List;

/**
 * A hypervisor host: registration, lifecycle, memory totals (as the last memory event on its stream carried them)
 * and its open capacity alert. Memory in MiB.
 *
 * @param overcommitRatio at least 1.0 (events stored before overcommit existed carry 0.0, read as 1.0)
 * @param capacityMib     the memory the host offers to VMs
 * @param allocatedMib    the memory allocated to VMs, including the target side of migrations in flight
 * @param openAlertId     the open capacity alert, or null
 */
public record HostSnapshot(String id, String siteId, String name, int cpuCores, long memoryMib,
                           long reservedMemoryMib, double overcommitRatio, long capacityMib, long allocatedMib,
                           boolean temporary, String softwareVersion, HostState state, String openAlertId,
                           AlertSeverity openAlertSeverity, Instant registeredAt, Instant upgradedAt,
                           Instant decommissionedAt) implements ResourceSnapshot {

    /** {@value}. */
    public static final String TYPE = "host";

    @Override
    public String resourceType() {
        return TYPE;
    }

    @Override
    public FilterColumns filterColumns() {
        return new FilterColumns(siteId, null, null, state.name(), null, List.of());
    }

    HostSnapshot withMemory(long allocated, long capacity) {
        return new HostSnapshot(id, siteId, name, cpuCores, memoryMib, reservedMemoryMib, overcommitRatio, capacity,
                allocated, temporary, softwareVersion, state, openAlertId, openAlertSeverity, registeredAt,
                upgradedAt, decommissionedAt);
    }

    HostSnapshot withTemporary(boolean isTemporary) {
        return new HostSnapshot(id, siteId, name, cpuCores, memoryMib, reservedMemoryMib, overcommitRatio,
                capacityMib, allocatedMib, isTemporary, softwareVersion, state, openAlertId, openAlertSeverity,
                registeredAt, upgradedAt, decommissionedAt);
    }

    HostSnapshot withUpgrade(String version, Instant at) {
        return new HostSnapshot(id, siteId, name, cpuCores, memoryMib, reservedMemoryMib, overcommitRatio,
                capacityMib, allocatedMib, temporary, version, state, openAlertId, openAlertSeverity, registeredAt,
                at, decommissionedAt);
    }

    HostSnapshot withState(HostState newState, Instant decommissioned) {
        return new HostSnapshot(id, siteId, name, cpuCores, memoryMib, reservedMemoryMib, overcommitRatio,
                capacityMib, allocatedMib, temporary, softwareVersion, newState, openAlertId, openAlertSeverity,
                registeredAt, upgradedAt, decommissioned);
    }

    HostSnapshot withOpenAlert(String alertId, AlertSeverity severity) {
        return new HostSnapshot(id, siteId, name, cpuCores, memoryMib, reservedMemoryMib, overcommitRatio,
                capacityMib, allocatedMib, temporary, softwareVersion, state, alertId, severity, registeredAt,
                upgradedAt, decommissionedAt);
    }
}
