package dev.twinledger.commandside.inventory;

import dev.twinledger.api.inventory.HostRegistered;
import dev.twinledger.api.inventory.HostState;
import dev.twinledger.api.inventory.RegisterHost;
import dev.twinledger.commandside.domain.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A hypervisor host standing in one site. Only {@link HostState#ACTIVE} hosts take new VMs. */
final class Host {

    @AggregateIdentifier
    private String hostId;
    private String siteId;
    private HostState state;
    private long capacityMib;
    private boolean temporary;

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
        if (!inventory.siteExists(command.siteId())) {
            throw new RuleViolation("site '" + command.siteId() + "' does not exist");
        }
        apply(new HostRegistered(command.hostId(), command.siteId(), command.name(), command.cpuCores(),
                command.memoryMib(), command.reservedMemoryMib(), command.overcommitRatio(), command.temporary()));
    }

    @EventSourcingHandler
    void on(HostRegistered event) {
        hostId = event.hostId();
        siteId = event.siteId();
        state = HostState.ACTIVE;
        temporary = event.temporary();
        // Events stored before reserved memory and overcommit existed read as 0 and 0.0: no overcommit.
        double overcommit = Math.max(1.0, event.overcommitRatio());
        capacityMib = (long) Math.floor((event.memoryMib() - event.reservedMemoryMib()) * overcommit);
    }

    /** Where this host stands and whether it takes new VMs. */
    InventoryLookup.HostPlacement placement() {
        return new InventoryLookup.HostPlacement(hostId, siteId, state);
    }

    /** This host's memory for placement decisions. Allocation tracking is still to come (issue 3, in progress). */
    InventoryLookup.HostCapacity capacity() {
        return new InventoryLookup.HostCapacity(hostId, siteId, state, temporary, capacityMib, 0, java.util.Map.of());
    }
}
