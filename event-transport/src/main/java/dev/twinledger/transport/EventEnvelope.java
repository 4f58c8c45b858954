package dev.twinledger.transport;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Map;

/**
 * One stored event as it travels on the events topic. The JSON is meant to be read by people too
 * ({@code kafka-console-consumer} prints it as is), so every field has a plain name and the payload is the event
 * record's own JSON.
 *
 * @param eventId        the event's message id in the event store, never null
 * @param globalPosition the event's global position (index) in the event store, at least 0; queries wait on it
 * @param type           the fully qualified class name of the payload record, e.g.
 *                       {@code dev.twinledger.api.inventory.VmProvisioned}
 * @param aggregateType  the aggregate type, e.g. {@code VirtualMachine}; null for events without an aggregate
 * @param aggregateId    the aggregate id, also the record key; null for events without an aggregate
 * @param sequence       the event's sequence number within its aggregate; -1 when it has no aggregate
 * @param timestamp      when the event was stored
 * @param metadata       the event's metadata (see {@link dev.twinledger.api.EventMetadata}), never null
 * @param payload        the event record as JSON, never null
 */
public record EventEnvelope(String eventId, long globalPosition, String type, String aggregateType, String aggregateId,
                            long sequence, Instant timestamp, Map<String, Object> metadata, JsonNode payload) {

    /** The metadata key under which a consumed event exposes its {@link #globalPosition()}. */
    public static final String GLOBAL_POSITION = "globalPosition";

    /**
     * The metadata key under which a consumed event exposes its payload exactly as it travelled (JSON text), for
     * readers that must keep the producer's bytes rather than re-serialize the record (the audit log hashes it).
     */
    public static final String PAYLOAD_JSON = "payloadJson";

    /** Compact constructor: metadata is never null. */
    public EventEnvelope {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
