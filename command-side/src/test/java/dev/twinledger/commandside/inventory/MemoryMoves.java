package dev.twinledger.commandside.inventory;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;

import java.util.function.Supplier;

/**
 * Drives a host's memory through {@link HostMemory}, the way VM commands do, so that an {@code AggregateTestFixture}
 * of the host alone can test memory accounting and capacity alerts: register it with
 * {@code fixture.registerAnnotatedCommandHandler} and send the commands below.
 */
final class MemoryMoves {

    record Allocate(String hostId, String vmId, long memoryMib) {
    }

    record Release(String hostId, String vmId) {
    }

    record Resize(String hostId, String vmId, long memoryMib) {
    }

    /** Answers the host's {@link InventoryLookup.HostCapacity}. */
    record ReadCapacity(String hostId) {
    }

    private final Supplier<Repository<Host>> hosts;
    private final HostMemory memory;

    MemoryMoves(Supplier<Repository<Host>> hosts, CapacityThresholds thresholds) {
        this.hosts = hosts;
        this.memory = new HostMemory(hosts, thresholds);
    }

    @CommandHandler
    void handle(Allocate command) {
        memory.allocate(command.hostId(), command.vmId(), command.memoryMib());
    }

    @CommandHandler
    void handle(Release command) {
        memory.release(command.hostId(), command.vmId());
    }

    @CommandHandler
    void handle(Resize command) {
        memory.resize(command.hostId(), command.vmId(), command.memoryMib());
    }

    @CommandHandler
    InventoryLookup.HostCapacity handle(ReadCapacity command) {
        return hosts.get().load(command.hostId()).invoke(Host::capacity);
    }
}
