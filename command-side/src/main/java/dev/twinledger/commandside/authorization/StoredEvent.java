package dev.twinledger.commandside.authorization;

import org.axonframework.messaging.MetaData;

import java.time.Instant;
import java.util.Objects;

/**
 * One event as the event store holds it, deserialized.
 *
 * @param globalIndex its global position ({@code global_index})
 * @param sequence    its sequence number within its aggregate's stream
 * @param eventId     its message id
 * @param timestamp   when it was stored
 * @param payload     the event record (or Axon's {@code UnknownSerializedType} for a class this service lacks)
 * @param metadata    its metadata (see {@code EventMetadata})
 */
public record StoredEvent(long globalIndex, long sequence, String eventId, Instant timestamp, Object payload,
                          MetaData metadata) {

    public StoredEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(payload, "payload");
        metadata = metadata == null ? MetaData.emptyInstance() : metadata;
    }
}
