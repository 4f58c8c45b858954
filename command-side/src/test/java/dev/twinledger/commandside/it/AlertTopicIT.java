package dev.twinledger.commandside.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twinledger.api.capacity.AlertSeverity;
import dev.twinledger.api.capacity.CapacityAlertCleared;
import dev.twinledger.api.capacity.CapacityAlertRaised;
import dev.twinledger.commandside.support.AlertEvents;
import dev.twinledger.commandside.support.RunningCommandSide;
import dev.twinledger.commandside.support.TestDatabase;
import dev.twinledger.commandside.support.TopicReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Kafka alerts topic: each transition once, keyed by host, with the outbox row's id as a header. */
class AlertTopicIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALERTS_TOPIC = "it.alerts";
    private static final String HOST = "hv-topic-1";

    @Test
    void theAlertsTopicReceivesEachTransitionOnce() throws Exception {
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 1);
        kafka.afterPropertiesSet();
        String bootstrap = kafka.getBrokersAsString();
        try (TestDatabase database = TestDatabase.create("alerttopic");
             RunningCommandSide service = RunningCommandSide.start(database, bootstrap, "it.alerttopic.events",
                     "--twinledger.alerts.topic.name=" + ALERTS_TOPIC,
                     "--twinledger.alerts.routes[0].severity=CRITICAL",
                     "--twinledger.alerts.routes[0].level=L2")) {
            AlertEvents.awaitRoutingProcessor(database);
            long raisedAt = AlertEvents.raise(service, database, 0, new CapacityAlertRaised(HOST + ":1", HOST, "dc1",
                    AlertSeverity.CRITICAL, 980, 1000, 98.0, 95.0), "corr-topic-raise");
            long clearedAt = AlertEvents.clear(service, database, 1, new CapacityAlertCleared(HOST + ":1", HOST,
                    "dc1", AlertSeverity.CRITICAL, 100, 1000, 10.0), "corr-topic-clear");

            await().atMost(Duration.ofSeconds(60)).until(() -> database.jdbc().queryForObject(
                    "SELECT count(*) FROM alert_delivery WHERE channel = 'KAFKA' AND state = 'DELIVERED'",
                    Integer.class) == 2);

            // Delivered means acknowledged by all in-sync replicas: everything there will ever be is on the topic.
            long onTopic = recordsOn(bootstrap, ALERTS_TOPIC);
            assertThat(onTopic).isEqualTo(2);
            List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(bootstrap, ALERTS_TOPIC,
                    read -> read.size() >= onTopic, Duration.ofSeconds(30));
            assertThat(records).hasSize(2).allMatch(record -> HOST.equals(record.key()));
            JsonNode raised = JSON.readTree(records.get(0).value());
            JsonNode cleared = JSON.readTree(records.get(1).value());
            assertThat(raised.get("transition").asText()).isEqualTo("RAISED");
            assertThat(raised.get("level").asText()).isEqualTo("L2");
            assertThat(raised.get("globalPosition").asLong()).isEqualTo(raisedAt);
            assertThat(raised.get("correlationId").asText()).isEqualTo("corr-topic-raise");
            assertThat(cleared.get("transition").asText()).isEqualTo("CLEARED");
            assertThat(cleared.get("globalPosition").asLong()).isEqualTo(clearedAt);
            assertThat(header(records.get(0), "event")).isEqualTo("capacity-alert.raised");

            Map<String, Map<String, Object>> rows = database.jdbc().queryForList(
                            "SELECT id::text AS id, attempts, subscriber FROM alert_delivery WHERE channel = 'KAFKA'")
                    .stream().collect(Collectors.toMap(row -> (String) row.get("id"), Function.identity()));
            assertThat(records).extracting(record -> header(record, "delivery"))
                    .containsExactlyInAnyOrderElementsOf(rows.keySet());
            assertThat(rows.values()).allSatisfy(row -> {
                assertThat(row.get("attempts")).isEqualTo(1);
                assertThat(row.get("subscriber")).isEqualTo(ALERTS_TOPIC);
            });
            assertThat(TopicReader.partitions(bootstrap, ALERTS_TOPIC)).isEqualTo(6);
        } finally {
            kafka.destroy();
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** Records on every partition of {@code topic}: the sum of the end offsets (nothing is ever deleted here). */
    private static long recordsOn(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, partitions).boxed()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream()
                    .mapToLong(info -> info.offset()).sum();
        }
    }
}
