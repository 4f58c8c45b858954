package dev.twinledger.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Converts between Axon event messages and {@link EventEnvelope} JSON records.
 *
 * <p>Producing: the event must have a global position, found by the {@link GlobalPositionResolver} (the command side
 * reads it from the event store), because the global position is what consumers de-duplicate and queries wait on.
 * An event without one is refused with {@link IllegalStateException} rather than published without a position.
 * The record key is the aggregate id, so one aggregate's events stay in order on one partition.
 *
 * <p>Consuming: the payload is rebuilt as the api record named by {@code type}; the global position is exposed as
 * metadata {@link EventEnvelope#GLOBAL_POSITION} (a {@code Long}). A record that is not an envelope at all is
 * skipped with an ERROR log; an envelope whose type is unknown here becomes an {@link UnknownEvent}.
 *
 * <p>{@link PublicationWatermark} records (type header {@link PublicationWatermark#TYPE}) are read as event messages
 * with that record as payload, no global position, and the partition they came from in metadata
 * {@link #PARTITION}; see {@link #isWatermark}.
 */
public final class EnvelopeKafkaMessageConverter implements KafkaMessageConverter<String, byte[]> {

    /** Header naming the payload type, so tools can filter without parsing the value. */
    public static final String TYPE_HEADER = "twinledger-event-type";

    /** Metadata key holding the partition a {@link PublicationWatermark} was read from (an {@code Integer}). */
    public static final String PARTITION = "kafkaPartition";

    private static final Logger log = LoggerFactory.getLogger(EnvelopeKafkaMessageConverter.class);

    private final ObjectMapper mapper;
    private final GlobalPositionResolver positions;

    /**
     * A converter with its own mapper (ISO-8601 timestamps, unknown properties tolerated on read) that takes global
     * positions from tracking tokens; see {@link GlobalPositionResolver#fromTrackingToken()} for when that is exact.
     */
    public EnvelopeKafkaMessageConverter() {
        this(GlobalPositionResolver.fromTrackingToken());
    }

    /** A converter with its own mapper that asks {@code positions} for each published event's global position. */
    public EnvelopeKafkaMessageConverter(GlobalPositionResolver positions) {
        this(new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES), positions);
    }

    /** A converter using the given mapper, which must handle {@code java.time} types. */
    public EnvelopeKafkaMessageConverter(ObjectMapper mapper, GlobalPositionResolver positions) {
        this.mapper = mapper;
        this.positions = positions;
    }

    @Override
    public ProducerRecord<String, byte[]> createKafkaMessage(EventMessage<?> event, String topic) {
        EventEnvelope envelope = toEnvelope(event);
        byte[] value = write(envelope);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, envelope.aggregateId(), value,
                List.of(new RecordHeader(TYPE_HEADER, envelope.type().getBytes(StandardCharsets.UTF_8))));
        return record;
    }

    /** Builds the envelope of a stored event; see the class comment for what is required. */
    public EventEnvelope toEnvelope(EventMessage<?> event) {
        long position = positions.positionOf(event).orElseThrow(() -> new IllegalStateException(
                "event " + event.getIdentifier() + " has no global position; only events read from the event store"
                        + " by a tracking processor can be published"));
        String aggregateType = null;
        String aggregateId = null;
        long sequence = -1;
        if (event instanceof DomainEventMessage<?> domainEvent) {
            aggregateType = domainEvent.getType();
            aggregateId = domainEvent.getAggregateIdentifier();
            sequence = domainEvent.getSequenceNumber();
        }
        return new EventEnvelope(event.getIdentifier(), position, event.getPayloadType().getName(), aggregateType,
                aggregateId, sequence, event.getTimestamp(), new HashMap<>(event.getMetaData()),
                mapper.valueToTree(event.getPayload()));
    }

    /** A watermark record for one partition of {@code topic}; see {@link PublicationWatermark}. */
    public ProducerRecord<String, byte[]> createWatermarkRecord(String topic, PublicationWatermark watermark) {
        byte[] value;
        try {
            value = mapper.writeValueAsBytes(watermark);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + watermark, e);
        }
        return new ProducerRecord<>(topic, watermark.partition(), (String) null, value,
                List.of(new RecordHeader(TYPE_HEADER, PublicationWatermark.TYPE.getBytes(StandardCharsets.UTF_8))));
    }

    /** Whether a consumed message is a {@link PublicationWatermark} rather than an event. */
    public static boolean isWatermark(EventMessage<?> message) {
        return message.getPayload() instanceof PublicationWatermark;
    }

    @Override
    public Optional<EventMessage<?>> readKafkaMessage(ConsumerRecord<String, byte[]> record) {
        if (isWatermarkRecord(record)) {
            return readWatermark(record);
        }
        EventEnvelope envelope;
        try {
            envelope = mapper.readValue(record.value(), EventEnvelope.class);
        } catch (Exception e) {
            log.error("Skipping record at {}-{}@{}: not an event envelope ({})", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return Optional.empty();
        }
        return Optional.of(toEventMessage(envelope));
    }

    private static boolean isWatermarkRecord(ConsumerRecord<String, byte[]> record) {
        var header = record.headers().lastHeader(TYPE_HEADER);
        return header != null
                && PublicationWatermark.TYPE.equals(new String(header.value(), StandardCharsets.UTF_8));
    }

    private Optional<EventMessage<?>> readWatermark(ConsumerRecord<String, byte[]> record) {
        PublicationWatermark watermark;
        try {
            watermark = mapper.readValue(record.value(), PublicationWatermark.class);
        } catch (Exception e) {
            log.error("Skipping record at {}-{}@{}: not a publication watermark ({})", record.topic(),
                    record.partition(), record.offset(), e.getMessage());
            return Optional.empty();
        }
        // The partition it was read from is what counts: a marker copied to another partition proves nothing there.
        MetaData metadata = MetaData.with(PARTITION, record.partition());
        return Optional.of(new GenericEventMessage<>(new GenericMessage<>(watermark, metadata), watermark::sentAt));
    }

    /** Rebuilds the event message an envelope describes, with its global position in the metadata. */
    public EventMessage<?> toEventMessage(EventEnvelope envelope) {
        Object payload = payloadOf(envelope);
        Map<String, Object> metadata = new HashMap<>(envelope.metadata());
        metadata.put(EventEnvelope.GLOBAL_POSITION, envelope.globalPosition());
        metadata.put(EventEnvelope.PAYLOAD_JSON, envelope.payload().toString());
        GenericMessage<Object> message = new GenericMessage<>(envelope.eventId(), payload, MetaData.from(metadata));
        if (envelope.aggregateId() != null) {
            return new GenericDomainEventMessage<>(envelope.aggregateType(), envelope.aggregateId(),
                    envelope.sequence(), message, envelope::timestamp);
        }
        return new GenericEventMessage<>(message, envelope::timestamp);
    }

    /** Serializes an envelope to the exact bytes put on the topic. */
    public byte[] write(EventEnvelope envelope) {
        try {
            return mapper.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize event " + envelope.eventId(), e);
        }
    }

    private Object payloadOf(EventEnvelope envelope) {
        Class<?> type;
        try {
            type = Class.forName(envelope.type(), false, getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
            log.warn("Event {} at position {} has type {} unknown to this service; recording it as unknown",
                    envelope.eventId(), envelope.globalPosition(), envelope.type());
            return new UnknownEvent(envelope.type(), envelope.payload().toString());
        }
        try {
            return mapper.treeToValue(envelope.payload(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + envelope.eventId() + " at position "
                    + envelope.globalPosition() + " does not fit " + type.getName(), e);
        }
    }
}
