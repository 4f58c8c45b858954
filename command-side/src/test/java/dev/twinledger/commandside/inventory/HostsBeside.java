package dev.twinledger.commandside.inventory;

import dev.twinledger.api.inventory.HostRegistered;
import dev.twinledger.api.inventory.Platform;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.AggregateNotFoundException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Real {@link Host} aggregates in an event store of their own, beside an {@code AggregateTestFixture} of another
 * aggregate (a fixture holds one aggregate only). A VM command run by the fixture loads its hosts from here inside the
 * fixture's unit of work, so the hosts' events are stored here when that unit of work commits, and not at all when
 * it rolls back, as with the one store at run time.
 */
final class HostsBeside implements AutoCloseable {

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final EventSourcingRepository<Host> repository = EventSourcingRepository.builder(Host.class)
            .eventStore(store).build();
    private final Map<String, Long> nextSequence = new HashMap<>();
    private final Map<String, Integer> arranged = new HashMap<>();

    /** Registers an active host offering {@code capacityMib} (no reserve, no overcommit). */
    HostsBeside host(String hostId, String siteId, long capacityMib, Object... laterEvents) {
        append(hostId, new HostRegistered(hostId, siteId, hostId + ".example", 32, capacityMib, 0, 1.0, false));
        for (Object event : laterEvents) {
            append(hostId, event);
        }
        return this;
    }

    /** Adds events to a host's past, as a fixture's {@code given} does. */
    HostsBeside given(String hostId, Object... events) {
        for (Object event : events) {
            append(hostId, event);
        }
        return this;
    }

    /** Memory moves on these hosts, alerting at the default thresholds. */
    HostMemory memory() {
        return new HostMemory(() -> repository, CapacityThresholds.DEFAULT);
    }

    /** {@code sites} for sites and projects; these hosts for hosts and their capacity. */
    InventoryLookup lookup(FakeInventory sites) {
        return new InventoryLookup() {
            @Override
            public boolean siteExists(String siteId) {
                return sites.siteExists(siteId);
            }

            @Override
            public Optional<HostPlacement> host(String hostId) {
                return load(hostId).map(Host::placement);
            }

            @Override
            public boolean projectExists(String projectId) {
                return sites.projectExists(projectId);
            }

            @Override
            public Optional<Platform> sitePlatform(String siteId) {
                return sites.sitePlatform(siteId);
            }

            @Override
            public Optional<HostCapacity> capacity(String hostId) {
                return load(hostId).map(Host::capacity);
            }
        };
    }

    /** The payloads a host stored since it was arranged with {@link #host} and {@link #given}. */
    List<Object> newEventsOf(String hostId) {
        return store.readEvents(hostId).asStream().skip(arranged.getOrDefault(hostId, 0))
                .map(EventMessage::getPayload).map(Object.class::cast).toList();
    }

    @Override
    public void close() {
        store.shutDown();
    }

    private Optional<Host> load(String hostId) {
        try {
            return Optional.of(repository.load(hostId).invoke(Function.identity()));
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
    }

    private void append(String hostId, Object payload) {
        long sequence = nextSequence.merge(hostId, 1L, Long::sum) - 1;
        store.publish(new GenericDomainEventMessage<>("Host", hostId, sequence, payload));
        arranged.merge(hostId, 1, Integer::sum);
    }
}
