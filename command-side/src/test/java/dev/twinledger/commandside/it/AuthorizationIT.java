package dev.twinledger.commandside.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twinledger.api.EventMetadata;
import dev.twinledger.api.access.AccessScope;
import dev.twinledger.api.access.RoleDefined;
import dev.twinledger.api.inventory.Environment;
import dev.twinledger.commandside.authorization.AccessLookup;
import dev.twinledger.commandside.support.DirectoryEvents;
import dev.twinledger.commandside.support.RunningCommandSide;
import dev.twinledger.commandside.support.TestDatabase;
import dev.twinledger.commandside.support.TopicReader;
import dev.twinledger.policies.grant.Grant;
import dev.twinledger.policies.permission.Permission;
import dev.twinledger.policies.role.DefaultRoles;
import dev.twinledger.policies.role.Role;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static dev.twinledger.commandside.support.DirectoryEvents.grant;
import static dev.twinledger.commandside.support.DirectoryEvents.revoke;
import static dev.twinledger.commandside.support.Tokens.asUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Command authorization on two command sides sharing one real PostgreSQL event store: each folds the access
 * directory from the store, so a grant or revocation stored through one holds for the very next command on the other
 * without a restart; refusals are 403s naming the permission and scope, and each is stored as one
 * {@code AccessDenied} event that the Kafka publisher publishes like any other. The directory's events are stored
 * directly here, so this shows the lookup and the authorization independently of the directory's own rules.
 */
class AuthorizationIT {

    private static final String TOPIC = "it.authz.events";
    private static final String ADMIN = "platform-admin-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedKafkaKraftBroker kafka;
    private static TestDatabase database;
    private static RunningCommandSide siteA;
    private static RunningCommandSide siteB;

    @BeforeAll
    static void start() throws Exception {
        kafka = new EmbeddedKafkaKraftBroker(1, 1);
        kafka.afterPropertiesSet();
        database = TestDatabase.create("authz");
        siteA = RunningCommandSide.start(database, kafka.getBrokersAsString(), TOPIC,
                "--twinledger.alerts.topic.enabled=false");
        siteB = RunningCommandSide.start(database, kafka.getBrokersAsString(), TOPIC,
                "--axon.kafka.publisher.enabled=false", "--twinledger.alerts.topic.enabled=false");
        for (Role role : DefaultRoles.catalog().roles().values()) {
            DirectoryEvents.append(siteA, database, new RoleDefined(role.name(), role.permissions().stream()
                    .map(Permission::toString).collect(Collectors.toCollection(TreeSet::new)),
                    DefaultRoles.catalog().isPrivileged(role.name()), Set.of(), "system"), "system");
        }
        DirectoryEvents.append(siteA, database, grant("g-admin", ADMIN, "platform-admin", AccessScope.EVERYWHERE),
                "test-admin");
        for (String site : List.of("dc1", "dc2")) {
            send(post("/api/sites"), asUser(ADMIN, "platform-admin"), """
                    {"id": "%s", "name": "Site %s", "platform": "OPENSTACK"}""".formatted(site, site))
                    .andExpect(status().isCreated());
            send(post("/api/hosts"), asUser(ADMIN, "platform-admin"), """
                    {"id": "hv-%s", "siteId": "%s", "name": "hv-%s", "cpuCores": 64, "memoryMib": 1048576}"""
                    .formatted(site, site, site)).andExpect(status().isCreated());
        }
        send(post("/api/projects"), asUser(ADMIN, "platform-admin"), """
                {"id": "eproc", "name": "E-procurement"}""").andExpect(status().isCreated());
    }

    @AfterAll
    static void stop() {
        try {
            try {
                if (siteA != null) {
                    siteA.close();
                }
            } finally {
                if (siteB != null) {
                    siteB.close();
                }
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
    void eachCommandSideFoldsTheDirectoryFromTheStoreWithTheEventsGlobalPositions() {
        long position = DirectoryEvents.append(siteB, database, grant("g-fold", "fold-user", "operator",
                new AccessScope("dc1", null, null, null, null)), "alice-admin");

        for (RunningCommandSide side : List.of(siteA, siteB)) {
            Grant folded = side.bean(AccessLookup.class).current().current().grant("g-fold").orElseThrow();
            assertThat(folded.requested().position()).isEqualTo(position);
            // Who requested is the requester the event names, not the metadata of whoever stored it.
            assertThat(folded.requested().actor()).isEqualTo("test-admin");
            assertThat(folded.requested().eventId()).isEqualTo(database.jdbc().queryForObject(
                    "SELECT event_identifier FROM domain_event_entry WHERE global_index = ?", String.class,
                    position));
        }
    }

    @Test
    void aRevocationStoredThroughOneSideHoldsForTheVeryNextCommandOnTheOther() throws Exception {
        DirectoryEvents.append(siteA, database, grant("g-revoke", "rita", "operator",
                new AccessScope("dc1", null, null, null, null)), "test-admin");
        send(siteA, post("/api/vms"), asUser("rita", "operator"), vm("vm-rita-1", "dc1", "PROD"))
                .andExpect(status().isCreated());

        DirectoryEvents.append(siteB, database, revoke("g-revoke"), "test-admin");

        send(siteA, post("/api/vms"), asUser("rita", "operator"), vm("vm-rita-2", "dc1", "PROD"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(
                        "missing vm:provision on a scope covering site=dc1")))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("revoked by")));
        assertThat(streamOf("vm-rita-2")).isEmpty();
        List<JsonNode> denials = denialsOf("rita");
        assertThat(denials).singleElement().satisfies(denial -> {
            assertThat(denial.get("permission").asText()).isEqualTo("vm:provision");
            assertThat(denial.get("resourceType").asText()).isEqualTo("vm");
            assertThat(denial.get("resourceId").asText()).isEqualTo("vm-rita-2");
            assertThat(denial.get("siteId").asText()).isEqualTo("dc1");
            assertThat(denial.get("rule").asText()).isEqualTo("permission");
            assertThat(denial.get("request").asText()).isEqualTo("POST /api/vms");
        });
    }

    @Test
    void anOperatorOnDc1ProdProvisionsThereAndIsRefusedAtDc2AndAtDc1Dev() throws Exception {
        DirectoryEvents.append(siteA, database, grant("g-prod", "olga", "operator",
                new AccessScope("dc1", Environment.PROD, null, null, null)), "test-admin");

        send(siteB, post("/api/vms"), asUser("olga", "operator"), vm("vm-olga-1", "dc1", "PROD"))
                .andExpect(status().isCreated());
        send(siteB, post("/api/vms"), asUser("olga", "operator"), vm("vm-olga-2", "dc2", "PROD"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(
                        "missing vm:provision on a scope covering site=dc2, environment=prod, project=eproc")));
        send(siteB, post("/api/vms"), asUser("olga", "operator"), vm("vm-olga-3", "dc1", "DEV"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(
                        "missing vm:provision on a scope covering site=dc1, environment=dev, project=eproc")));

        assertThat(denialsOf("olga")).extracting(denial -> denial.get("resourceId").asText())
                .containsExactlyInAnyOrder("vm-olga-2", "vm-olga-3");
        Map<String, Object> stored = database.jdbc().queryForMap("SELECT aggregate_identifier, event_identifier,"
                + " type, convert_from(meta_data, 'UTF8') AS meta_data FROM domain_event_entry WHERE payload_type ="
                + " 'dev.twinledger.api.access.AccessDenied' AND convert_from(payload, 'UTF8') LIKE '%vm-olga-2%'");
        // Published on its own: keyed by its own id, on no aggregate's stream.
        assertThat(stored.get("aggregate_identifier")).isEqualTo(stored.get("event_identifier"));
        assertThat(stored.get("type")).isNull();
        JsonNode metadata = JSON.readTree((String) stored.get("meta_data"));
        assertThat(metadata.get(EventMetadata.ACTOR_USERNAME).asText()).isEqualTo("olga");
        assertThat(metadata.get(EventMetadata.HANDLING_SITE).asText()).isEqualTo(RunningCommandSide.SITE_ID);
        assertThat(metadata.get(EventMetadata.CORRELATION_ID).asText()).isNotBlank();
    }

    /**
     * Axon reads an event stored without an aggregate back as one without an aggregate: on the topic it has no key
     * and no aggregate (consumers keep it out of resource histories); it needs no order relative to other events.
     */
    @Test
    void aDenialIsPublishedToKafkaAsAnEventWithoutAggregate() throws Exception {
        send(siteA, post("/api/vms"), asUser("kafka-reader", "operator"), vm("vm-kafka", "dc1", "PROD"))
                .andExpect(status().isForbidden());
        String eventId = database.jdbc().queryForObject("SELECT event_identifier FROM domain_event_entry WHERE"
                + " payload_type = 'dev.twinledger.api.access.AccessDenied' AND convert_from(payload, 'UTF8')"
                + " LIKE '%vm-kafka%'", String.class);

        List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(kafka.getBrokersAsString(), TOPIC,
                read -> read.stream().anyMatch(record -> eventId.equals(envelope(record).get("eventId").asText())),
                Duration.ofSeconds(60));

        assertThat(records).filteredOn(record -> eventId.equals(envelope(record).get("eventId").asText()))
                .singleElement().satisfies(record -> {
            JsonNode envelope = envelope(record);
            assertThat(record.key()).isNull();
            assertThat(envelope.get("aggregateId").isNull()).isTrue();
            assertThat(envelope.get("type").asText()).isEqualTo("dev.twinledger.api.access.AccessDenied");
            assertThat(envelope.get("payload").get("actor").asText()).isEqualTo("kafka-reader");
        });
    }

    @Test
    void aRealmRoleRefusalIsStoredAsADenialToo() throws Exception {
        send(siteA, post("/api/sites"), asUser("vera", "viewer"), """
                {"id": "dc9", "name": "Site 9", "platform": "OPENSTACK"}""")
                .andExpect(status().isForbidden());

        assertThat(denialsOf("vera")).singleElement().satisfies(denial -> {
            assertThat(denial.get("rule").asText()).isEqualTo("realm-role");
            assertThat(denial.get("request").asText()).isEqualTo("POST /api/sites");
            assertThat(denial.get("reason").asText()).contains("platform-admin");
        });
    }

    @Test
    void anUnknownVmIs404AndNoDenial() throws Exception {
        send(siteA, post("/api/vms/vm-nowhere/start"), asUser("nobody-special", "operator"), null)
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("VM 'vm-nowhere' does not exist"));

        assertThat(denialsOf("nobody-special")).isEmpty();
    }

    private static String vm(String id, String site, String environment) {
        return """
                {"id": "%s", "name": "web", "siteId": "%s", "hostId": "hv-%s", "project": "eproc",
                 "environment": "%s", "vcpus": 1, "memoryMib": 1024}""".formatted(id, site, site, environment);
    }

    private static ResultActions send(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder
                                              request, RequestPostProcessor caller, String body) throws Exception {
        return send(siteA, request, caller, body);
    }

    private static ResultActions send(RunningCommandSide side,
                                      org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder
                                              request, RequestPostProcessor caller, String body) throws Exception {
        request.with(caller);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return side.mvc().perform(request);
    }

    private static List<Long> streamOf(String aggregateId) {
        return database.jdbc().queryForList("SELECT global_index FROM domain_event_entry WHERE"
                + " aggregate_identifier = ?", Long.class, aggregateId);
    }

    /** The payloads of the AccessDenied events of {@code actor}, in order. */
    private static List<JsonNode> denialsOf(String actor) {
        return database.jdbc().queryForList("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE"
                        + " payload_type = 'dev.twinledger.api.access.AccessDenied' ORDER BY global_index",
                String.class).stream().map(AuthorizationIT::parse)
                .filter(denial -> actor.equals(denial.get("actor").asText())).toList();
    }

    private static JsonNode envelope(ConsumerRecord<String, byte[]> record) {
        try {
            return JSON.readTree(record.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
