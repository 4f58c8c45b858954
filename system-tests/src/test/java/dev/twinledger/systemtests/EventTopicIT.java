package dev.twinledger.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twinledger.systemtests.support.Estate;
import dev.twinledger.systemtests.support.SystemStack;
import dev.twinledger.systemtests.support.SystemStackExtension;
import dev.twinledger.systemtests.support.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The topic holds the events as readable JSON, keyed by aggregate id, with the metadata of the request; and, on every
 * partition, the publication watermarks that let the audit log seal its chain.
 */
@ExtendWith(SystemStackExtension.class)
class EventTopicIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void provisioningIsOnTheTopicAsReadableJsonKeyedByVmId(SystemStack stack) throws Exception {
        Estate estate = Estate.create(stack);
        var response = stack.commandApi().post("/api/vms", stack.tokenFor("operator"),
                estate.vm("web-7", estate.project("tenders")),
                Map.of("X-Correlation-Id", "change-4711", "X-Reason", "scale-out for the tender deadline",
                        "X-Ticket", "CHG-4711"));
        String vmId = response.body().get("id").asText();
        long position = response.body().get("position").asLong();

        List<ConsumerRecord<String, String>> records = TopicReader.readUntil(stack.kafka().bootstrapServers(),
                SystemStack.TOPIC, r -> vmId.equals(r.key()), Duration.ofSeconds(60));
        // The command stored the VM's event and then its host's memory event; the answer names the later one.
        List<ConsumerRecord<String, String>> withMemory = TopicReader.readUntil(stack.kafka().bootstrapServers(),
                SystemStack.TOPIC, r -> !isWatermark(r) && position(r) == position, Duration.ofSeconds(60));

        ConsumerRecord<String, String> record = records.stream().filter(r -> vmId.equals(r.key())).findFirst()
                .orElseThrow(() -> new AssertionError("no record keyed " + vmId + " among " + records.size()));
        JsonNode envelope = JSON.readTree(record.value());
        assertThat(envelope.get("type").asText()).isEqualTo("dev.twinledger.api.inventory.VmProvisioned");
        assertThat(envelope.get("globalPosition").asLong()).isLessThan(position);
        ConsumerRecord<String, String> memory = withMemory.stream().filter(r -> !isWatermark(r) && position(r) == position)
                .findFirst().orElseThrow();
        assertThat(memory.key()).isEqualTo(estate.hostId);
        assertThat(JSON.readTree(memory.value()).get("type").asText())
                .isEqualTo("dev.twinledger.api.inventory.HostMemoryAllocated");
        assertThat(envelope.get("aggregateId").asText()).isEqualTo(vmId);
        assertThat(envelope.get("payload").get("name").asText()).isEqualTo("web-7");
        assertThat(envelope.get("payload").get("hostId").asText()).isEqualTo(estate.hostId);
        JsonNode metadata = envelope.get("metadata");
        assertThat(metadata.get("actorUsername").asText()).isEqualTo("operator");
        assertThat(metadata.get("actorSubject").asText()).isNotBlank();
        assertThat(metadata.get("handlingSite").asText()).isEqualTo(SystemStack.SITE_ID);
        assertThat(metadata.get("correlationId").asText()).isEqualTo("change-4711");
        assertThat(metadata.get("reason").asText()).isEqualTo("scale-out for the tender deadline");
        assertThat(metadata.get("ticket").asText()).isEqualTo("CHG-4711");
        assertThat(metadata.get("causationId").asText()).isNotBlank();

        assertThat(records.stream().filter(r -> !isWatermark(r))).as("every event is keyed by its aggregate id")
                .allSatisfy(r -> assertThat(r.key()).isEqualTo(JSON.readTree(r.value()).get("aggregateId").asText()));
        assertThat(records.stream().filter(r -> estate.siteId.equals(r.key()))).as("the site's event too").hasSize(1);
    }

    @Test
    void everyPartitionHearsThatThePublisherHasPublishedPastTheLatestEvent(SystemStack stack) throws Exception {
        Estate estate = Estate.create(stack);
        var response = stack.commandApi().post("/api/vms", stack.tokenFor("operator"),
                estate.vm("web-8", estate.project("marks")));
        long position = response.body().get("position").asLong();
        int partitions = partitionCount(stack.kafka().bootstrapServers());
        Map<Integer, Long> highest = new java.util.concurrent.ConcurrentHashMap<>();

        TopicReader.readUntil(stack.kafka().bootstrapServers(), SystemStack.TOPIC, r -> {
            if (isWatermark(r)) {
                highest.merge(r.partition(), watermark(r), Math::max);
            }
            return highest.size() == partitions && highest.values().stream().allMatch(w -> w > position);
        }, Duration.ofSeconds(60));

        assertThat(highest).as("a watermark past %d on each of %d partitions", position, partitions)
                .hasSize(partitions).allSatisfy((partition, watermark) -> assertThat(watermark).isGreaterThan(position));
    }

    private static int partitionCount(String bootstrapServers) {
        java.util.Properties properties = new java.util.Properties();
        properties.put("bootstrap.servers", bootstrapServers);
        properties.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        properties.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(properties)) {
            return consumer.partitionsFor(SystemStack.TOPIC, Duration.ofSeconds(10)).size();
        }
    }

    private static boolean isWatermark(ConsumerRecord<String, String> record) {
        var header = record.headers().lastHeader("twinledger-event-type");
        return header != null && "twinledger.publication-watermark".equals(new String(header.value(),
                java.nio.charset.StandardCharsets.UTF_8));
    }

    private static long watermark(ConsumerRecord<String, String> record) {
        try {
            JsonNode marker = JSON.readTree(record.value());
            assertThat(marker.get("partition").asInt()).isEqualTo(record.partition());
            return marker.get("publishedBelow").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long position(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value()).get("globalPosition").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
