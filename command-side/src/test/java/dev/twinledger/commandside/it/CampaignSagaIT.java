package dev.twinledger.commandside.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twinledger.api.EventMetadata;
import dev.twinledger.api.campaign.CampaignPhase;
import dev.twinledger.api.campaign.CampaignProgress;
import dev.twinledger.api.campaign.CampaignReport;
import dev.twinledger.api.campaign.CampaignState;
import dev.twinledger.api.campaign.UpgradeCampaignCompleted;
import dev.twinledger.commandside.campaign.CampaignModule;
import dev.twinledger.commandside.support.RunningCommandSide;
import dev.twinledger.commandside.support.TestDatabase;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.twinledger.commandside.support.Tokens.withRealmRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The campaign in the running service on a real PostgreSQL: Flyway's saga and deadline tables, the process started
 * by a created campaign and stored in them, and the first commands it sends once the campaign starts, stored as
 * events with the starter's metadata.
 *
 * <p>The first host of the started campaign holds no VMs, so the process puts it in maintenance and the campaign
 * plans an empty evacuation; {@code CampaignFullRunIT} covers whole runs with VMs moving out and back.
 */
class CampaignSagaIT {

    private static final String TOPIC = "it.campaign.events";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static EmbeddedKafkaKraftBroker kafka;
    private static TestDatabase database;
    private static RunningCommandSide service;

    @BeforeAll
    static void start() throws Exception {
        kafka = new EmbeddedKafkaKraftBroker(1, 1);
        kafka.afterPropertiesSet();
        database = TestDatabase.create("campaign");
        service = RunningCommandSide.start(database, kafka.getBrokersAsString(), TOPIC);
        perform(post("/api/sites"), "platform-admin", """
                {"id": "s1", "name": "Site one", "platform": "OPENSTACK"}""").andExpect(status().isCreated());
        for (String host : List.of("h1", "h2", "t1")) {
            perform(post("/api/hosts"), "platform-admin", """
                    {"id": "%s", "siteId": "s1", "name": "hv-%s", "cpuCores": 32, "memoryMib": 262144}"""
                    .formatted(host, host)).andExpect(status().isCreated());
        }
    }

    @AfterAll
    static void stop() {
        try {
            if (service != null) {
                service.close();
            }
        } finally {
            try {
                kafka.destroy();
            } finally {
                database.close();
            }
        }
    }

    @Test
    void flywayOwnsTheSagaAndDeadlineTablesInSnakeCase() {
        assertThat(columns("saga_entry")).containsExactlyInAnyOrder("saga_id", "revision", "saga_type",
                "serialized_saga");
        assertThat(columns("association_value_entry")).containsExactlyInAnyOrder("id", "association_key",
                "association_value", "saga_type", "saga_id");
        assertThat(columns("scheduled_tasks")).contains("task_name", "task_instance", "task_data",
                "execution_time", "picked", "version", "priority");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(database.jdbc().queryForObject(
                "SELECT count(*) FROM token_entry WHERE processor_name = ?", Integer.class,
                CampaignModule.PROCESSING_GROUP)).isEqualTo(1));
    }

    @Test
    void aCreatedCampaignHasAProcessStoredInTheSagaTables() throws Exception {
        perform(post("/api/campaigns"), "platform-admin", """
                {"id": "c-created", "name": "Waiting", "siteId": "s1", "hostIds": ["h2"],
                 "temporaryHostIds": ["t1"], "targetVersion": "2021.2"}""")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value("c-created"));

        String sagaId = awaitSagaOf("c-created");
        JsonNode state = JSON.readTree(database.jdbc().queryForObject(
                "SELECT serialized_saga FROM saga_entry WHERE saga_id = ?", byte[].class, sagaId));
        assertThat(state.get("campaignId").asText()).isEqualTo("c-created");
        assertThat(state.get("state").asText()).isEqualTo("CREATED");
        assertThat(state.get("migrationTimeoutSeconds").asLong()).isEqualTo(1800);
        assertThat(state.get("temporaryHostIds").get(0).asText()).isEqualTo("t1");
    }

    @Test
    void startingACampaignMakesItsProcessWorkOnTheFirstHost() throws Exception {
        service.mvc().perform(json(post("/api/campaigns"), """
                        {"id": "c-start", "name": "Start", "siteId": "s1", "hostIds": ["h1", "h2"],
                         "temporaryHostIds": ["t1"], "targetVersion": "2021.2", "maxAttempts": 2,
                         "migrationTimeoutSeconds": 600}""")
                        .with(withRealmRole("platform-admin")).header("X-Correlation-Id", "corr-create"))
                .andExpect(status().isCreated());
        awaitSagaOf("c-start");
        long started = position(service.mvc().perform(post("/api/campaigns/c-start/start")
                        .with(withRealmRole("platform-admin")).header("X-Correlation-Id", "corr-start")
                        .header("X-Reason", "annual upgrade"))
                .andExpect(status().isOk()));

        // The process's plan of h1 is stored after the start, as the campaign's next event.
        Map<String, Object> plan = await().atMost(PATIENCE).until(() -> database.jdbc().queryForList(
                "SELECT global_index, payload_type, convert_from(payload, 'UTF8') AS payload,"
                        + " convert_from(meta_data, 'UTF8') AS meta_data FROM domain_event_entry"
                        + " WHERE aggregate_identifier = 'c-start' AND global_index > ? ORDER BY global_index",
                started), rows -> !rows.isEmpty()).get(0);
        assertThat(plan.get("payload_type")).isEqualTo("dev.twinledger.api.campaign.HostEvacuationPlanned");
        JsonNode payload = JSON.readTree((String) plan.get("payload"));
        assertThat(payload.get("hostId").asText()).isEqualTo("h1");
        assertThat(payload.at("/progress/hostPhases").fieldNames().next()).isEqualTo("h1");
        assertThat(payload.at("/progress/hostPhases/h2").asText()).isEqualTo(CampaignPhase.PENDING.name());

        // Caused by the process, but traceable to whoever started the campaign, and why.
        JsonNode metadata = JSON.readTree((String) plan.get("meta_data"));
        assertThat(metadata.get(EventMetadata.CORRELATION_ID).asText()).isEqualTo("corr-start");
        assertThat(metadata.get(EventMetadata.ACTOR_USERNAME).asText()).isEqualTo("user-platform-admin");
        assertThat(metadata.get(EventMetadata.REASON).asText()).isEqualTo("annual upgrade");
        assertThat(metadata.get(EventMetadata.HANDLING_SITE).asText()).isEqualTo(RunningCommandSide.SITE_ID);

        // The plan read h1 in maintenance, put there by the process in the same step.
        List<String> maintenance = database.jdbc().queryForList("SELECT convert_from(meta_data, 'UTF8')"
                + " FROM domain_event_entry WHERE aggregate_identifier = 'h1' AND payload_type = ?"
                + " AND global_index > ? AND global_index < ?", String.class,
                "dev.twinledger.api.inventory.HostMaintenanceStarted", started, plan.get("global_index"));
        assertThat(maintenance).hasSize(1);
        assertThat(JSON.readTree(maintenance.get(0)).get(EventMetadata.CORRELATION_ID).asText())
                .isEqualTo("corr-start");
    }

    @Test
    void campaignRefusalsAreProblemsAndStoreNothing() throws Exception {
        expectProblem(perform(post("/api/campaigns"), "platform-admin", """
                {"id": "c-bad", "name": "Bad", "siteId": "s1", "hostIds": ["h1", "nope"],
                 "targetVersion": "2021.2"}"""), 422)
                .andExpect(jsonPath("$.detail").value("host 'nope' does not exist"));
        expectProblem(perform(post("/api/campaigns"), "platform-admin", """
                {"id": "c-bad", "name": "Bad", "siteId": "s1", "hostIds": ["h1"], "temporaryHostIds": ["h1"],
                 "targetVersion": "2021.2"}"""), 422);
        expectProblem(perform(post("/api/campaigns/c-none/start"), "platform-admin", null), 404);
        expectProblem(perform(post("/api/campaigns/s1/pause"), "platform-admin", null), 404);
        assertThat(database.jdbc().queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier IN ('c-bad', 'c-none')",
                Integer.class)).isZero();

        perform(post("/api/campaigns"), "platform-admin", """
                {"id": "c-twice", "name": "Twice", "siteId": "s1", "hostIds": ["h2"], "targetVersion": "2021.2"}""")
                .andExpect(status().isCreated());
        expectProblem(perform(post("/api/campaigns"), "platform-admin", """
                {"id": "c-twice", "name": "Twice", "siteId": "s1", "hostIds": ["h2"], "targetVersion": "2021.2"}"""),
                409);
        expectProblem(perform(post("/api/campaigns/c-twice/resume"), "platform-admin", null), 409)
                .andExpect(jsonPath("$.detail").value("campaign 'c-twice' is CREATED; only a PAUSED campaign can be"
                        + " resumed"));
    }

    @Test
    void campaignEventsRoundTripThroughTheServicesOwnEventSerializer() throws Exception {
        // The store's serializer uses Spring Boot's object mapper, the one CampaignJsonTest rebuilds.
        Serializer serializer = service.bean("eventSerializer", Serializer.class);
        assertThat(((JacksonSerializer) serializer).getObjectMapper()).isSameAs(service.bean(ObjectMapper.class));
        Map<String, CampaignPhase> phases = new LinkedHashMap<>();
        phases.put("h2", CampaignPhase.DONE);
        phases.put("h1", CampaignPhase.SKIPPED);
        UpgradeCampaignCompleted completed = new UpgradeCampaignCompleted("c-json",
                new CampaignReport(3, 7, 1, 1, 0, List.of("h2"), Map.of("h1", "no room"),
                        Instant.parse("2021-03-06T22:00:00.123456789Z"), Instant.parse("2021-03-07T02:00:00Z"),
                        14399),
                new CampaignProgress(CampaignState.COMPLETED, null, phases, 8, 7, 1, 1, 0));

        SerializedObject<byte[]> stored = serializer.serialize(completed, byte[].class);
        Object read = serializer.deserialize(stored);

        assertThat(read).isEqualTo(completed);
        assertThat(JSON.readTree(stored.getData()).at("/report/startedAt").asText())
                .isEqualTo("2021-03-06T22:00:00.123456789Z");
        assertThat(((UpgradeCampaignCompleted) read).progress().hostPhases().keySet()).containsExactly("h2", "h1");
    }

    private static String awaitSagaOf(String campaignId) {
        return await().atMost(PATIENCE).until(() -> database.jdbc().queryForList(
                "SELECT a.saga_id FROM association_value_entry a JOIN saga_entry s ON s.saga_id = a.saga_id"
                        + " WHERE a.association_key = 'campaignId' AND a.association_value = ?"
                        + " AND s.saga_type = ?", String.class, campaignId,
                "dev.twinledger.commandside.campaign.UpgradeCampaignProcess"), ids -> ids.size() == 1).get(0);
    }

    private static List<String> columns(String table) {
        return database.jdbc().queryForList("SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = 'public' AND table_name = ?", String.class, table);
    }

    private static ResultActions perform(MockHttpServletRequestBuilder request, String role, String body)
            throws Exception {
        MockHttpServletRequestBuilder withRole = request.with(withRealmRole(role));
        return service.mvc().perform(body == null ? withRole : json(withRole, body));
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private static ResultActions expectProblem(ResultActions result, int status) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    private static long position(ResultActions result) throws Exception {
        return JSON.readTree(result.andReturn().getResponse().getContentAsString()).get("position").asLong();
    }
}
