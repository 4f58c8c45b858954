package dev.twinledger.commandside.inventory;

import dev.twinledger.commandside.domain.RuleViolation;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Moves a VM's memory on hosts, for the VM commands that place, resize, move or remove a VM. Must be called inside
 * the VM command's unit of work: the host is loaded through Axon's repository (and locked until the unit of work
 * ends), and the host's events commit together with the VM's. Each call is one memory move followed by one
 * evaluation of the host's capacity alerts against the configured thresholds.
 */
public final class HostMemory {

    private final Supplier<Repository<Host>> hosts;
    private final CapacityThresholds thresholds;

    /** Memory moves on the hosts registered in {@code axon}, alerting at {@code thresholds}. */
    public HostMemory(Configuration axon, CapacityThresholds thresholds) {
        this(() -> axon.repository(Host.class), thresholds);
    }

    HostMemory(Supplier<Repository<Host>> hosts, CapacityThresholds thresholds) {
        this.hosts = hosts;
        this.thresholds = thresholds;
    }

    /** The thresholds at which hosts raise capacity alerts. */
    public CapacityThresholds thresholds() {
        return thresholds;
    }

    /**
     * Allocates {@code memoryMib} to {@code vmId} on {@code hostId}.
     *
     * @throws RuleViolation when the host does not exist, is not active, or lacks the memory
     */
    void allocate(String hostId, String vmId, long memoryMib) {
        onHost(hostId, host -> host.allocate(vmId, memoryMib, thresholds));
    }

    /** Releases what {@code vmId} holds on {@code hostId}; nothing when it holds nothing there. */
    void release(String hostId, String vmId) {
        onHost(hostId, host -> host.release(vmId, thresholds));
    }

    /**
     * Re-allocates {@code vmId} on {@code hostId} at {@code memoryMib} (a resize): one release and one allocation,
     * one alert evaluation.
     *
     * @throws RuleViolation when growth does not fit or the host does not take memory
     */
    void resize(String hostId, String vmId, long memoryMib) {
        onHost(hostId, host -> host.resize(vmId, memoryMib, thresholds));
    }

    private void onHost(String hostId, Consumer<Host> move) {
        try {
            hosts.get().load(hostId).execute(move);
        } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
            // Ids are shared by every kind of resource: another kind's stream under this id is "no such host" too.
            throw new RuleViolation("host '" + hostId + "' does not exist");
        }
    }
}
