package dev.twinledger.commandside.inventory;

import dev.twinledger.api.inventory.DecommissionHost;
import dev.twinledger.api.inventory.HostRegistered;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A host read back from a snapshot (written and read by the general Jackson serializer, as at run time) plus the
 * events after it is the same host as one replayed from its first event: same capacity and allocations, same
 * decisions, same events for the same memory moves.
 */
class HostSnapshotTest {

    private static final String HOST = "hv-01";
    private static final String SITE = "dc1";

    /** Configured like the services' general serializer: Axon's Jackson serializer over Spring's ObjectMapper. */
    private final Serializer serializer = JacksonSerializer.builder()
            .objectMapper(Jackson2ObjectMapperBuilder.json().build()).build();

    @Test
    void aHostFromASnapshotAndLaterEventsDecidesAsTheFullyReplayedHost() {
        Store full = new Store();
        full.append(new HostRegistered(HOST, SITE, "hv01.dc1", 32, 1000, 0, 1.0, false));
        // Unsorted ids and an open warning alert, so order and alert state must survive the snapshot.
        full.move(host -> host.allocate("vm-c", 300, CapacityThresholds.DEFAULT));
        full.move(host -> host.allocate("vm-a", 250, CapacityThresholds.DEFAULT));
        full.move(host -> host.allocate("vm-b", 270, CapacityThresholds.DEFAULT));
        Host atSnapshot = full.load();
        long snapshotSequence = full.lastSequence();
        full.move(host -> host.release("vm-a", CapacityThresholds.DEFAULT));
        full.move(host -> host.allocate("vm-e", 120, CapacityThresholds.DEFAULT));

        // The other store holds only the snapshot and the events after it: it cannot rebuild the host otherwise.
        Store fromSnapshot = new Store();
        fromSnapshot.snapshot(new GenericDomainEventMessage<>(Host.class.getSimpleName(), HOST, snapshotSequence,
                atSnapshot));
        fromSnapshot.appendAll(full.eventsAfter(snapshotSequence));

        assertThat(fromSnapshot.load().capacity()).isEqualTo(full.load().capacity());
        assertThat(fromSnapshot.load().placement()).isEqualTo(full.load().placement());

        // The same moves decide the same way and store the same events (alert ids count the alerts raised so far).
        assertThat(refusal(fromSnapshot, host -> host.allocate("vm-x", 5000, CapacityThresholds.DEFAULT)))
                .isEqualTo(refusal(full, host -> host.allocate("vm-x", 5000, CapacityThresholds.DEFAULT)));
        long before = full.lastSequence();
        full.move(host -> host.allocate("vm-0", 250, CapacityThresholds.DEFAULT));
        fromSnapshot.move(host -> host.allocate("vm-0", 250, CapacityThresholds.DEFAULT));
        assertThat(payloads(fromSnapshot.eventsAfter(before))).isEqualTo(payloads(full.eventsAfter(before)))
                .hasSizeGreaterThan(1);
        // Lists the VMs sorted, so the allocations came back as a sorted map.
        String refusedDecommission = refusal(full, host -> host.handle(new DecommissionHost(HOST)));
        assertThat(refusal(fromSnapshot, host -> host.handle(new DecommissionHost(HOST))))
                .isEqualTo(refusedDecommission)
                .contains("vm-0, vm-b, vm-c, vm-e");
    }

    private Host roundTrip(Host host) {
        SerializedObject<byte[]> written = serializer.serialize(host, byte[].class);
        return serializer.deserialize(written);
    }

    private static String refusal(Store store, Consumer<Host> move) {
        Throwable refused = catchThrowable(() -> store.move(move));
        assertThat(refused).as("refused").isNotNull();
        return refused.getMessage();
    }

    private static List<Object> payloads(List<? extends EventMessage<?>> events) {
        return events.stream().<Object>map(EventMessage::getPayload).toList();
    }

    /**
     * One in-memory event store with a repository of hosts over it. Its snapshot is read through the serializer on
     * every load, as from the snapshot table: the repository applies later events to the instance it is given, so
     * handing out the stored instance itself would let one load change the next.
     */
    private final class Store {
        private final InMemoryEventStorageEngine engine = new InMemoryEventStorageEngine() {
            @Override
            public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
                return super.readSnapshot(aggregateIdentifier).map(stored -> new GenericDomainEventMessage<>(
                        stored.getType(), stored.getAggregateIdentifier(), stored.getSequenceNumber(),
                        roundTrip((Host) stored.getPayload())));
            }
        };
        private final EmbeddedEventStore events = EmbeddedEventStore.builder().storageEngine(engine).build();
        private final EventSourcingRepository<Host> hosts = EventSourcingRepository.builder(Host.class)
                .eventStore(events).build();

        void append(Object payload) {
            long next = engine.lastSequenceNumberFor(HOST).map(n -> n + 1).orElse(0L);
            engine.appendEvents(new GenericDomainEventMessage<>(Host.class.getSimpleName(), HOST, next, payload));
        }

        void appendAll(List<? extends DomainEventMessage<?>> stored) {
            engine.appendEvents(stored);
        }

        void snapshot(DomainEventMessage<?> snapshot) {
            engine.storeSnapshot(snapshot);
        }

        /** Runs {@code move} on the loaded host in a unit of work that commits its events (or rolls back). */
        void move(Consumer<Host> move) {
            DefaultUnitOfWork.startAndGet(null).execute(() -> hosts.load(HOST).execute(move));
        }

        Host load() {
            Host[] loaded = new Host[1];
            DefaultUnitOfWork.startAndGet(null).execute(() -> hosts.load(HOST).execute(host -> loaded[0] = host));
            return loaded[0];
        }

        long lastSequence() {
            return engine.lastSequenceNumberFor(HOST).orElseThrow();
        }

        List<? extends DomainEventMessage<?>> eventsAfter(long sequence) {
            return events.readEvents(HOST, sequence + 1).asStream().toList();
        }
    }
}
