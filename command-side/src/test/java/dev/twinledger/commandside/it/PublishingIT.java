package dev.twinledger.commandside.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twinledger.commandside.support.RunningCommandSide;
import dev.twinledger.commandside.support.TestDatabase;
import dev.twinledger.commandside.support.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaEventPublisher;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.twinledger.commandside.support.Tokens.withRealmRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Publishing never loses a stored event: neither those stored before the publisher first ran, nor those stored while
 * Kafka was unreachable. Each test has its own database and topic.
 */
class PublishingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HOSTS = 30;

    /** STACK.md trap 1: a new tracking processor would start at the head and skip everything already stored. */
    @Test
    void eventsStoredBeforeThePublisherFirstRunsAreAllPublished() throws Exception {
        String topic = "it.catchup.events";
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 1);
        kafka.afterPropertiesSet();
        try (TestDatabase database = TestDatabase.create("catchup")) {
            try (RunningCommandSide withoutPublisher = RunningCommandSide.start(database, kafka.getBrokersAsString(),
                    topic, "--axon.kafka.publisher.enabled=false")) {
                registerSiteWithHosts(withoutPublisher, "s-early");
                assertThat(withoutPublisher.hasBean("kafkaPublisher")).isFalse();
            }
            List<Long> stored = allPositions(database);
            assertThat(positionsOutsideTheAccessDirectory(database)).hasSize(HOSTS + 1);
            // The publisher never ran; other processors (alert routing, the campaign's process) keep tokens too.
            assertThat(database.jdbc().queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = ?",
                    Integer.class, KafkaEventPublisher.DEFAULT_PROCESSING_GROUP)).isZero();

            try (RunningCommandSide publishing = RunningCommandSide.start(database, kafka.getBrokersAsString(),
                    topic)) {
                List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(kafka.getBrokersAsString(),
                        topic, read -> read.size() >= stored.size(), Duration.ofSeconds(60));

                assertThat(globalPositions(records)).containsExactlyInAnyOrderElementsOf(stored);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(health(publishing).at("/components/publishing/details/lag").asLong()).isZero());
            }
        } finally {
            kafka.destroy();
        }
    }

    @Test
    void commandsAreAcceptedWhileKafkaIsDownAndPublishedOnceItIsUp() throws Exception {
        String topic = "it.outage.events";
        int kafkaPort = freePort();
        String bootstrap = "127.0.0.1:" + kafkaPort;
        EmbeddedKafkaKraftBroker kafka = null;
        try (TestDatabase database = TestDatabase.create("outage");
             RunningCommandSide service = RunningCommandSide.start(database, bootstrap, topic,
                     "--twinledger.kafka.send-timeout=3s", "--twinledger.kafka.health-timeout=1s")) {
            registerSiteWithHosts(service, "s-outage");

            HttpResponse<String> readiness = get(service.management("/actuator/health/readiness"));
            assertThat(readiness.statusCode()).isEqualTo(200);
            JsonNode health = health(service);
            assertThat(health.at("/components/kafka/status").asText()).isEqualTo("DOWN");
            assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode publishing = health(service).at("/components/publishing");
                assertThat(publishing.at("/status").asText()).isEqualTo("DOWN");
                // The site and hosts, and the access directory the first start created.
                assertThat(publishing.at("/details/lag").asLong()).isEqualTo(allPositions(database).size());
            });

            // The embedded KRaft broker ignores kafkaPorts(); its listener list is honoured.
            kafka = new EmbeddedKafkaKraftBroker(1, 1);
            kafka.brokerProperty("listeners", "EXTERNAL://127.0.0.1:" + kafkaPort + ",CONTROLLER://localhost:0");
            kafka.afterPropertiesSet();
            assertThat(kafka.getBrokersAsString()).endsWith(":" + kafkaPort);

            List<Long> stored = allPositions(database);
            List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(bootstrap, topic,
                    read -> read.size() >= stored.size(), Duration.ofSeconds(120));
            assertThat(globalPositions(records)).containsAll(stored);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode recovered = health(service);
                assertThat(recovered.at("/components/kafka/status").asText()).isEqualTo("UP");
                assertThat(recovered.at("/components/publishing/status").asText()).isEqualTo("UP");
                assertThat(recovered.at("/components/publishing/details/lag").asLong()).isZero();
            });
            assertThat(TopicReader.partitions(bootstrap, topic)).isEqualTo(6);
            // Once everything is published, every partition is told so (the audit chain seals up to there).
            long highest = stored.stream().mapToLong(Long::longValue).max().orElseThrow();
            List<ConsumerRecord<String, byte[]>> marks = TopicReader.watermarksUntil(bootstrap, topic,
                    read -> partitionsToldPast(read, highest) == 6, Duration.ofSeconds(60));
            assertThat(partitionsToldPast(marks, highest)).as("partitions with a watermark past %d", highest)
                    .isEqualTo(6);
        } finally {
            if (kafka != null) {
                kafka.destroy();
            }
        }
    }

    /**
     * A transaction that commits after a later one (the campaign's process sends many commands in one) fills a gap
     * in the global index. Axon's gap-aware token then still points at the later index; the envelope must carry the
     * late event's own position, or the projections would take it for a redelivery of the later event and drop it.
     */
    @Test
    void anEventCommittedAfterALaterOneKeepsItsOwnPosition() throws Exception {
        String topic = "it.gap.events";
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 1);
        kafka.afterPropertiesSet();
        try (TestDatabase database = TestDatabase.create("gap");
             RunningCommandSide service = RunningCommandSide.start(database, kafka.getBrokersAsString(), topic);
             Connection late = DriverManager.getConnection(database.url(), "postgres", "")) {
            late.setAutoCommit(false);
            long lateIndex;
            try (PreparedStatement insert = late.prepareStatement("""
                    INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                                                    meta_data, payload, payload_type, time_stamp)
                    VALUES ('s-late', 0, 'Site', ?, convert_to('{}', 'UTF8'),
                            convert_to('{"siteId":"s-late","name":"Late","platform":"VMWARE"}', 'UTF8'),
                            'dev.twinledger.api.inventory.SiteRegistered', ?)
                    RETURNING global_index""")) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, Instant.now().toString());
                try (ResultSet row = insert.executeQuery()) {
                    row.next();
                    lateIndex = row.getLong(1);
                }
            }
            registerSiteWithHosts(service, "s-early");
            assertThat(positionsOutsideTheAccessDirectory(database)).hasSize(HOSTS + 1)
                    .allSatisfy(position -> assertThat(position).isGreaterThan(lateIndex));
            // Everything committed so far: the site and hosts, and the access directory the first start created.
            List<Long> early = allPositions(database);
            TopicReader.readUntil(kafka.getBrokersAsString(), topic, read -> read.size() >= early.size(),
                    Duration.ofSeconds(60));

            late.commit();

            List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(kafka.getBrokersAsString(), topic,
                    read -> read.size() > early.size(), Duration.ofSeconds(60));
            List<Long> published = globalPositions(records);
            assertThat(published).as("every position once, the late event under its own index")
                    .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(allPositions(database));
            assertThat(records).filteredOn(r -> r.key().equals("s-late")).singleElement()
                    .satisfies(r -> assertThat(JSON.readTree(r.value()).get("globalPosition").asLong())
                            .isEqualTo(lateIndex));
        } finally {
            kafka.destroy();
        }
    }

    private static void registerSiteWithHosts(RunningCommandSide service, String siteId) throws Exception {
        service.mvc().perform(post("/api/sites").with(withRealmRole("platform-admin"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\": \"%s\", \"name\": \"Site\", \"platform\": \"OPENSTACK\"}".formatted(siteId)))
                .andExpect(status().isCreated());
        for (int i = 0; i < HOSTS; i++) {
            service.mvc().perform(post("/api/hosts").with(withRealmRole("platform-admin"))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("""
                                    {"id": "%s-hv-%d", "siteId": "%s", "name": "hv", "cpuCores": 8,
                                     "memoryMib": 1024}""".formatted(siteId, i, siteId)))
                    .andExpect(status().isCreated());
        }
    }

    /** The positions of what the test itself stored: the access directory's first-start events aside. */
    private static List<Long> positionsOutsideTheAccessDirectory(TestDatabase database) {
        return database.jdbc().queryForList("SELECT global_index FROM domain_event_entry"
                + " WHERE aggregate_identifier <> 'access-directory' ORDER BY global_index", Long.class);
    }

    private static List<Long> allPositions(TestDatabase database) {
        return database.jdbc().queryForList("SELECT global_index FROM domain_event_entry ORDER BY global_index",
                Long.class);
    }

    private static long partitionsToldPast(List<ConsumerRecord<String, byte[]>> watermarks, long position) {
        return watermarks.stream().filter(record -> {
            try {
                JsonNode mark = JSON.readTree(record.value());
                return mark.get("partition").asInt() == record.partition()
                        && mark.get("publishedBelow").asLong() > position;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).map(ConsumerRecord::partition).distinct().count();
    }

    private static List<Long> globalPositions(List<ConsumerRecord<String, byte[]>> records) throws IOException {
        List<Long> positions = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            JsonNode envelope = JSON.readTree(record.value());
            assertThat(record.key()).isEqualTo(envelope.get("aggregateId").asText());
            positions.add(envelope.get("globalPosition").asLong());
        }
        return positions;
    }

    private static JsonNode health(RunningCommandSide service) throws Exception {
        return JSON.readTree(get(service.management("/actuator/health")).body());
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
