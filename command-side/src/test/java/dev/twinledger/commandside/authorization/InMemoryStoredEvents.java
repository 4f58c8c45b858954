package dev.twinledger.commandside.authorization;

import dev.twinledger.api.EventMetadata;
import org.axonframework.messaging.MetaData;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** An event store in memory, as {@link StoredEvents} sees one: streams by aggregate id, one global order. */
final class InMemoryStoredEvents implements StoredEvents {

    private final Map<String, List<StoredEvent>> streams = new ConcurrentHashMap<>();
    private final AtomicLong globalIndex = new AtomicLong();
    /** Each {@link #after} call's aggregate id and sequence, in order. */
    final List<String> reads = Collections.synchronizedList(new ArrayList<>());

    /** Appends {@code payload} by {@code actor} (null: no actor in the metadata) at {@code at}; answers the event. */
    synchronized StoredEvent append(String aggregateId, Object payload, String actor, Instant at) {
        List<StoredEvent> stream = streams.computeIfAbsent(aggregateId, id -> Collections.synchronizedList(
                new ArrayList<>()));
        MetaData metadata = actor == null ? MetaData.emptyInstance()
                : MetaData.with(EventMetadata.ACTOR_USERNAME, actor);
        StoredEvent event = new StoredEvent(globalIndex.incrementAndGet(), stream.size(),
                UUID.randomUUID().toString(), at, payload, metadata);
        stream.add(event);
        return event;
    }

    @Override
    public List<StoredEvent> after(String aggregateId, long afterSequence) {
        reads.add(aggregateId + ">" + afterSequence);
        List<StoredEvent> stream = streams.getOrDefault(aggregateId, List.of());
        synchronized (stream) {
            return stream.stream().filter(event -> event.sequence() > afterSequence).toList();
        }
    }

    @Override
    public Optional<Object> first(String aggregateId) {
        List<StoredEvent> stream = streams.getOrDefault(aggregateId, List.of());
        synchronized (stream) {
            return stream.isEmpty() ? Optional.empty() : Optional.of(stream.get(0).payload());
        }
    }

    @Override
    public <T> Optional<T> latest(String aggregateId, Class<T> type) {
        List<StoredEvent> stream = streams.getOrDefault(aggregateId, List.of());
        synchronized (stream) {
            T found = null;
            for (StoredEvent event : stream) {
                if (type.isInstance(event.payload())) {
                    found = type.cast(event.payload());
                }
            }
            return Optional.ofNullable(found);
        }
    }
}
