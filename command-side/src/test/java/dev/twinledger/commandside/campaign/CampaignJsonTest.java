package dev.twinledger.commandside.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.twinledger.api.campaign.CampaignHostCompleted;
import dev.twinledger.api.campaign.CampaignHostEvacuated;
import dev.twinledger.api.campaign.CampaignHostSkipped;
import dev.twinledger.api.campaign.CampaignHostUpgraded;
import dev.twinledger.api.campaign.CampaignMigrationFailed;
import dev.twinledger.api.campaign.CampaignMigrationSucceeded;
import dev.twinledger.api.campaign.CampaignPhase;
import dev.twinledger.api.campaign.CampaignProgress;
import dev.twinledger.api.campaign.CampaignReport;
import dev.twinledger.api.campaign.CampaignState;
import dev.twinledger.api.campaign.HostEvacuationPlanned;
import dev.twinledger.api.campaign.HostReturnPlanned;
import dev.twinledger.api.campaign.PlannedMove;
import dev.twinledger.api.campaign.UpgradeCampaignCompleted;
import dev.twinledger.api.campaign.UpgradeCampaignCreated;
import dev.twinledger.api.campaign.UpgradeCampaignPaused;
import dev.twinledger.api.campaign.UpgradeCampaignResumed;
import dev.twinledger.api.campaign.UpgradeCampaignStarted;
import dev.twinledger.transport.EnvelopeKafkaMessageConverter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every campaign event, the deadline payload and the process state survive the two JSON forms they take: the event
 * store's (Axon's Jackson serializer over the object mapper Spring Boot builds, which the service hands Axon; see
 * {@code CampaignSagaIT}) and the Kafka envelope. Instants keep their nanoseconds; host phases keep campaign order.
 */
class CampaignJsonTest {

    private static final Instant STARTED = Instant.parse("2021-03-06T22:00:00.123456789Z");
    private static final Instant COMPLETED = Instant.parse("2021-03-07T02:00:17.5Z");

    /** As Spring Boot builds its mapper with no spring.jackson settings: java.time as ISO text, unknown fields ignored. */
    private final JacksonSerializer store = JacksonSerializer.builder()
            .objectMapper(Jackson2ObjectMapperBuilder.json()
                    .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS,
                            SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                    .build())
            .build();
    private final EnvelopeKafkaMessageConverter envelope = new EnvelopeKafkaMessageConverter();

    @Test
    void everyCampaignEventRoundTripsThroughTheEventStoreSerializer() {
        for (Object event : events()) {
            SerializedObject<byte[]> json = store.serialize(event, byte[].class);
            Object read = store.deserialize(json);
            assertThat(read).as(event.getClass().getSimpleName()).isEqualTo(event);
            assertPhasesInOrder(read);
        }
    }

    @Test
    void everyCampaignEventRoundTripsThroughTheKafkaEnvelope() {
        long position = 1;
        for (Object event : events()) {
            var tracked = new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(position++),
                    new GenericDomainEventMessage<>("UpgradeCampaign", "c-2021", position, event));
            byte[] value = envelope.createKafkaMessage(tracked, "t").value();
            Object read = envelope.readKafkaMessage(new ConsumerRecord<>("t", 0, 0, "c-2021", value)).orElseThrow()
                    .getPayload();
            assertThat(read).as(event.getClass().getSimpleName()).isEqualTo(event);
            assertPhasesInOrder(read);
        }
    }

    @Test
    void theReportsInstantsAreIsoTextOnTheWire() throws Exception {
        UpgradeCampaignCompleted completed = (UpgradeCampaignCompleted) events().get(events().size() - 1);
        var tracked = new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(9),
                new GenericDomainEventMessage<>("UpgradeCampaign", "c-2021", 9, completed));
        JsonNode json = new ObjectMapper().readTree(new String(envelope.createKafkaMessage(tracked, "t").value(),
                StandardCharsets.UTF_8));
        assertThat(json.at("/payload/report/startedAt").asText()).isEqualTo("2021-03-06T22:00:00.123456789Z");
        assertThat(json.at("/payload/report/completedAt").asText()).isEqualTo("2021-03-07T02:00:17.500Z");
        assertThat(json.at("/payload/report/durationSeconds").asLong()).isEqualTo(14417);
    }

    @Test
    void theStoreWritesInstantsAsIsoText() throws Exception {
        UpgradeCampaignCompleted completed = (UpgradeCampaignCompleted) events().get(events().size() - 1);
        JsonNode json = new ObjectMapper().readTree(store.serialize(completed, byte[].class).getData());
        assertThat(json.at("/report/startedAt").asText()).isEqualTo("2021-03-06T22:00:00.123456789Z");
    }

    @Test
    void theDeadlinePayloadRoundTrips() {
        MigrationTimeout timeout = new MigrationTimeout("vm-a", "cm-1", 1800);
        Object read = store.deserialize(store.serialize(timeout, byte[].class));
        assertThat(read).isEqualTo(timeout);
    }

    @Test
    void theProcessStateRoundTrips() throws Exception {
        UpgradeCampaignProcess process = new UpgradeCampaignProcess();
        process.on((UpgradeCampaignCreated) events().get(0));
        SerializedObject<byte[]> json = store.serialize(process, byte[].class);
        UpgradeCampaignProcess read = store.deserialize(json);
        byte[] again = store.serialize(read, byte[].class).getData();

        ObjectMapper mapper = new ObjectMapper();
        assertThat(mapper.readTree(again)).isEqualTo(mapper.readTree(json.getData()));
        JsonNode state = mapper.readTree(json.getData());
        assertThat(state.get("campaignId").asText()).isEqualTo("c-2021");
        assertThat(state.get("migrationTimeoutSeconds").asLong()).isEqualTo(1800);
        List<String> hosts = new java.util.ArrayList<>();
        state.get("phases").fieldNames().forEachRemaining(hosts::add);
        assertThat(hosts).containsExactly("h2", "h1");
    }

    private static List<Object> events() {
        PlannedMove out = new PlannedMove("vm-a", 8192, "h2", "t1", "cm-1", 1);
        PlannedMove retry = new PlannedMove("vm-a", 8192, "h2", "t1", "cm-2", 2);
        PlannedMove back = new PlannedMove("vm-a", 8192, "t1", "h2", "cm-3", 1);
        Map<String, String> skipped = new LinkedHashMap<>();
        skipped.put("h1", "host 'h1' is ACTIVE, not in MAINTENANCE");
        return List.of(
                new UpgradeCampaignCreated("c-2021", "Upgrade 2021", "dc1", List.of("h2", "h1"), List.of("t1"),
                        "2021.2", 3, 1800, progress(CampaignState.CREATED, null, CampaignPhase.PENDING)),
                new UpgradeCampaignStarted("c-2021", progress(CampaignState.RUNNING, null, CampaignPhase.PENDING)),
                new UpgradeCampaignPaused("c-2021", "tender deadline",
                        progress(CampaignState.PAUSED, null, CampaignPhase.PENDING)),
                new UpgradeCampaignResumed("c-2021", progress(CampaignState.RUNNING, null, CampaignPhase.PENDING)),
                new HostEvacuationPlanned("c-2021", "h2", List.of(out),
                        progress(CampaignState.RUNNING, "h2", CampaignPhase.EVACUATING)),
                new CampaignMigrationFailed("c-2021", "h2", out, "timed out after 1800 s", retry,
                        progress(CampaignState.RUNNING, "h2", CampaignPhase.EVACUATING)),
                new CampaignMigrationFailed("c-2021", "h2", retry, "given up", null,
                        progress(CampaignState.RUNNING, "h2", CampaignPhase.EVACUATING)),
                new CampaignMigrationSucceeded("c-2021", "h2", retry,
                        progress(CampaignState.RUNNING, "h2", CampaignPhase.EVACUATING)),
                new CampaignHostEvacuated("c-2021", "h2",
                        progress(CampaignState.RUNNING, "h2", CampaignPhase.AWAITING_UPGRADE)),
                new CampaignHostUpgraded("c-2021", "h2", "2021.2",
                        progress(CampaignState.RUNNING, "h2", CampaignPhase.RETURNING)),
                new HostReturnPlanned("c-2021", "h2", List.of(back),
                        progress(CampaignState.RUNNING, "h2", CampaignPhase.RETURNING)),
                new CampaignHostCompleted("c-2021", "h2", progress(CampaignState.RUNNING, null, CampaignPhase.DONE)),
                new CampaignHostSkipped("c-2021", "h1", skipped.get("h1"),
                        progress(CampaignState.RUNNING, null, CampaignPhase.DONE)),
                new UpgradeCampaignCompleted("c-2021", new CampaignReport(1, 2, 2, 1, 1, List.of("h2"), skipped,
                        STARTED, COMPLETED, 14417), progress(CampaignState.COMPLETED, null, CampaignPhase.DONE)));
    }

    /** h2 comes first in this campaign, so an order lost to hashing shows. */
    private static CampaignProgress progress(CampaignState state, String current, CampaignPhase h2) {
        Map<String, CampaignPhase> phases = new LinkedHashMap<>();
        phases.put("h2", h2);
        phases.put("h1", CampaignPhase.PENDING);
        return new CampaignProgress(state, current, phases, 4, 2, 2, 1, 0);
    }

    private static void assertPhasesInOrder(Object event) {
        try {
            CampaignProgress progress = (CampaignProgress) event.getClass().getMethod("progress").invoke(event);
            assertThat(progress.hostPhases().keySet()).as(event.getClass().getSimpleName())
                    .containsExactly("h2", "h1");
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(event.getClass() + " has no progress", e);
        }
    }
}
