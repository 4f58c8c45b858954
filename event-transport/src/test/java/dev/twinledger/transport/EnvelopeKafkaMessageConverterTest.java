package dev.twinledger.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twinledger.api.EventMetadata;
import dev.twinledger.api.inventory.Environment;
import dev.twinledger.api.inventory.VmProvisioned;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeKafkaMessageConverterTest {

    private final EnvelopeKafkaMessageConverter converter = new EnvelopeKafkaMessageConverter();

    private static final VmProvisioned PROVISIONED =
            new VmProvisioned("vm-1", "web-1", "dc1", "dc1-h1", "tenders", Environment.PROD, 2, 4096, null);

    private static DomainEventMessage<VmProvisioned> stored() {
        return new GenericDomainEventMessage<>("VirtualMachine", "vm-1", 0, PROVISIONED,
                MetaData.with(EventMetadata.ACTOR_USERNAME, "operator").and(EventMetadata.HANDLING_SITE, "dc1"));
    }

    @Test
    void recordIsKeyedByAggregateIdAndCarriesReadableJson() throws Exception {
        var tracked = new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(42), stored());

        ProducerRecord<String, byte[]> record = converter.createKafkaMessage(tracked, "twinledger.events");

        assertThat(record.key()).isEqualTo("vm-1");
        var json = new ObjectMapper().readTree(new String(record.value(), StandardCharsets.UTF_8));
        assertThat(json.get("globalPosition").asLong()).isEqualTo(42);
        assertThat(json.get("type").asText()).isEqualTo(VmProvisioned.class.getName());
        assertThat(json.get("aggregateType").asText()).isEqualTo("VirtualMachine");
        assertThat(json.get("payload").get("hostId").asText()).isEqualTo("dc1-h1");
        assertThat(json.get("payload").get("environment").asText()).isEqualTo("PROD");
        assertThat(json.get("metadata").get("actorUsername").asText()).isEqualTo("operator");
        assertThat(json.get("timestamp").isTextual()).as("ISO-8601 timestamp, not a number").isTrue();
    }

    /**
     * Why the command side resolves positions from the store: after event 100 commits late and fills the gap that
     * event 101 left, the gap-aware token still says 101.
     */
    @Test
    void aGapAwareTokenDoesNotTellTheGapFillersOwnPositionButAResolverDoes() {
        GapAwareTrackingToken afterLaterEvent = GapAwareTrackingToken.newInstance(101, List.of(100L));
        GapAwareTrackingToken afterGapFiller = afterLaterEvent.advanceTo(100, 10_000);
        assertThat(afterGapFiller.position()).hasValue(101);
        var gapFiller = new GenericTrackedDomainEventMessage<>(afterGapFiller, stored());

        EnvelopeKafkaMessageConverter fromStore = new EnvelopeKafkaMessageConverter(event -> OptionalLong.of(100));

        assertThat(new EnvelopeKafkaMessageConverter().toEnvelope(gapFiller).globalPosition()).isEqualTo(101);
        assertThat(fromStore.toEnvelope(gapFiller).globalPosition()).isEqualTo(100);
    }

    @Test
    void anEventWithoutAPositionIsNotPublished() {
        EnvelopeKafkaMessageConverter none = new EnvelopeKafkaMessageConverter(event -> OptionalLong.empty());

        assertThatThrownBy(() -> none.createKafkaMessage(stored(), "t"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has no global position");
    }

    @Test
    void consumedEventIsTheSameRecordWithItsPositionInMetadata() {
        var tracked = new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(7), stored());
        byte[] value = converter.createKafkaMessage(tracked, "t").value();

        EventMessage<?> read = converter.readKafkaMessage(new ConsumerRecord<>("t", 0, 0, "vm-1", value)).orElseThrow();

        assertThat(read.getPayload()).isEqualTo(PROVISIONED);
        assertThat(read.getIdentifier()).isEqualTo(tracked.getIdentifier());
        assertThat(read.getMetaData()).containsEntry(EventEnvelope.GLOBAL_POSITION, 7L)
                .containsEntry(EventMetadata.HANDLING_SITE, "dc1");
        assertThat(((DomainEventMessage<?>) read).getAggregateIdentifier()).isEqualTo("vm-1");
        assertThat(read.getTimestamp()).isEqualTo(tracked.getTimestamp());
    }

    @Test
    void eventWithoutGlobalPositionIsRefused() {
        assertThatThrownBy(() -> converter.createKafkaMessage(stored(), "t"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no global position");
    }

    @Test
    void unknownPayloadTypeBecomesUnknownEvent() {
        var envelope = new EventEnvelope("e-1", 3, "dev.twinledger.api.future.SomethingNew", "X", "x-1", 0,
                java.time.Instant.parse("2026-01-01T00:00:00Z"), Map.of(),
                new ObjectMapper().createObjectNode().put("a", 1));

        EventMessage<?> read = converter.toEventMessage(envelope);

        assertThat(read.getPayload()).isEqualTo(new UnknownEvent("dev.twinledger.api.future.SomethingNew", "{\"a\":1}"));
        assertThat(read.getMetaData()).containsEntry(EventEnvelope.GLOBAL_POSITION, 3L);
    }

    @Test
    void recordThatIsNotAnEnvelopeIsSkipped() {
        byte[] garbage = "not json".getBytes(StandardCharsets.UTF_8);

        assertThat(converter.readKafkaMessage(new ConsumerRecord<>("t", 0, 5, "k", garbage))).isEmpty();
    }

    @Test
    void a_watermark_travels_to_its_partition_and_is_read_back_with_the_partition_it_came_from() {
        PublicationWatermark watermark = new PublicationWatermark(42, 3, 2, java.time.Instant.parse("2026-11-26T08:00:00Z"));
        ProducerRecord<String, byte[]> sent = converter.createWatermarkRecord("events", watermark);

        assertThat(sent.partition()).isEqualTo(2);
        assertThat(sent.key()).isNull();
        ConsumerRecord<String, byte[]> received = new ConsumerRecord<>("events", 2, 7, null, sent.value());
        sent.headers().forEach(received.headers()::add);
        EventMessage<?> read = converter.readKafkaMessage(received).orElseThrow();

        assertThat(EnvelopeKafkaMessageConverter.isWatermark(read)).isTrue();
        assertThat(read.getPayload()).isEqualTo(watermark);
        assertThat(read.getMetaData()).containsEntry(EnvelopeKafkaMessageConverter.PARTITION, 2)
                .doesNotContainKey(EventEnvelope.GLOBAL_POSITION);
    }
}
