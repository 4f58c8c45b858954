package dev.twinledger.commandside.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twinledger.api.access.AccessDirectory;
import dev.twinledger.commandside.support.AccessGrants;
import dev.twinledger.commandside.support.RunningCommandSide;
import dev.twinledger.commandside.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.util.List;

import static dev.twinledger.commandside.support.Tokens.asUser;
import static dev.twinledger.commandside.support.Tokens.withRealmRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What issue 4 must show on the command side, end to end over the REST API on a real PostgreSQL store, with grants
 * given and taken by the bootstrap admins through the access API: a revoked grant gives nothing to the very next
 * command; an operator granted {@code site=dc1, environment=prod} provisions there and nowhere else; and escalation
 * attempts are refused, store nothing in the directory and exactly one {@code AccessDenied} naming the rule.
 */
class AccessGovernanceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RequestPostProcessor ADMIN = withRealmRole("access-admin");
    private static final RequestPostProcessor PLATFORM_ADMIN = withRealmRole("platform-admin");

    private static TestDatabase database;
    private static RunningCommandSide service;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.create("governance");
        service = RunningCommandSide.start(database, "127.0.0.1:1", "it.governance",
                "--axon.kafka.publisher.enabled=false", "--twinledger.alerts.topic.enabled=false");
        for (String site : List.of("dc1", "dc2")) {
            send(post("/api/sites"), PLATFORM_ADMIN, """
                    {"id": "%s", "name": "Site %s", "platform": "OPENSTACK"}""".formatted(site, site))
                    .andExpect(status().isCreated());
            send(post("/api/hosts"), PLATFORM_ADMIN, """
                    {"id": "hv-%s", "siteId": "%s", "name": "hv-%s", "cpuCores": 64, "memoryMib": 1048576}"""
                    .formatted(site, site, site)).andExpect(status().isCreated());
        }
        send(post("/api/projects"), PLATFORM_ADMIN, """
                {"id": "eproc", "name": "E-procurement"}""").andExpect(status().isCreated());
    }

    @AfterAll
    static void stop() {
        try {
            if (service != null) {
                service.close();
            }
        } finally {
            database.close();
        }
    }

    @Test
    void aCommandRightAfterTheRevocationIsRefusedAndRecordedAsDenied() throws Exception {
        AccessGrants.grant(service, "g-rita", "rita", "operator", """
                {"siteId": "dc1"}""");
        send(post("/api/vms"), asUser("rita", "operator"), vm("vm-rita-1", "dc1", "PROD"))
                .andExpect(status().isCreated());

        AccessGrants.revoke(service, "g-rita");
        send(post("/api/vms"), asUser("rita", "operator"), vm("vm-rita-2", "dc1", "PROD"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(containsString(
                        "missing vm:provision on a scope covering site=dc1, environment=prod, project=eproc")))
                .andExpect(jsonPath("$.detail").value(containsString("grant g-rita")))
                .andExpect(jsonPath("$.detail").value(containsString("revoked by user-access-admin")));

        assertThat(streamLength("vm-rita-2")).isZero();
        assertThat(denialsOf("rita")).singleElement().satisfies(denial -> {
            assertThat(denial.get("permission").asText()).isEqualTo("vm:provision");
            assertThat(denial.get("resourceId").asText()).isEqualTo("vm-rita-2");
            assertThat(denial.get("rule").asText()).isEqualTo("permission");
        });
    }

    @Test
    void anOperatorOnDc1ProdProvisionsThereAndIsRefusedAtDc2AndAtDc1Dev() throws Exception {
        AccessGrants.grant(service, "g-olga", "olga", "operator", """
                {"siteId": "dc1", "environment": "PROD"}""");

        send(post("/api/vms"), asUser("olga", "operator"), vm("vm-olga-prod", "dc1", "PROD"))
                .andExpect(status().isCreated());
        send(post("/api/vms"), asUser("olga", "operator"), vm("vm-olga-dc2", "dc2", "PROD"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.title").value("Forbidden"))
                .andExpect(jsonPath("$.detail").value(containsString("user:olga may not vm:provision")))
                .andExpect(jsonPath("$.detail").value(containsString(
                        "missing vm:provision on a scope covering site=dc2, environment=prod, project=eproc")));
        send(post("/api/vms"), asUser("olga", "operator"), vm("vm-olga-dev", "dc1", "DEV"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(containsString(
                        "missing vm:provision on a scope covering site=dc1, environment=dev, project=eproc")));

        assertThat(streamLength("vm-olga-dc2") + streamLength("vm-olga-dev")).isZero();
        assertThat(denialsOf("olga")).extracting(denial -> denial.get("siteId").asText() + "/"
                + denial.get("environment").asText()).containsExactly("dc2/PROD", "dc1/DEV");
    }

    @Test
    void grantingBeyondOnesScopeIsRefusedStoringOnlyTheDenial() throws Exception {
        AccessGrants.grant(service, "g-dora-admin", "dora", "access-admin", """
                {"siteId": "dc1"}""");

        expectRefusedStoringOnlyADenial("dora", "no-escalation", () -> send(post("/api/access/grants"),
                asUser("dora"), """
                        {"principal": {"kind": "USER", "id": "bea"}, "role": "operator", "scope": {"siteId": "dc2"},
                         "justification": "help at dc2"}""").andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(containsString("site=dc2"))));
    }

    @Test
    void grantingARoleWithPermissionsOneLacksIsRefusedStoringOnlyTheDenial() throws Exception {
        send(put("/api/access/roles/vm-granter"), ADMIN, """
                {"permissions": ["grant:create", "vm:provision", "inventory:read"], "privileged": false}""")
                .andExpect(status().isOk());
        AccessGrants.grant(service, "g-gina", "gina", "vm-granter", null);

        expectRefusedStoringOnlyADenial("gina", "no-escalation", () -> send(post("/api/access/grants"),
                asUser("gina"), """
                        {"principal": {"kind": "USER", "id": "bea"}, "role": "operator", "scope": {"siteId": "dc1"},
                         "justification": "more hands"}""").andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(containsString("vm:migrate"))));
    }

    @Test
    void approvingOnesOwnRequestIsRefusedStoringOnlyTheDenial() throws Exception {
        send(post("/api/access/grants"), ADMIN, """
                {"grantId": "g-pam", "principal": {"kind": "USER", "id": "pam"}, "role": "platform-admin",
                 "scope": {"siteId": "dc1"}, "justification": "runs the dc1 upgrade"}""")
                .andExpect(status().isCreated());

        expectRefusedStoringOnlyADenial("user-access-admin", "second-person-approval", () -> send(
                post("/api/access/grants/g-pam/approve"), ADMIN, null).andExpect(status().isForbidden()));
    }

    @Test
    void aSeparationOfDutiesConflictIs409StoringOnlyTheDenialNamingTheGrant() throws Exception {
        AccessGrants.grant(service, "g-abe-audit", "abe", "auditor", null);

        List<JsonNode> denials = expectRefusedStoringOnlyADenial("user-access-admin", "separation-of-duties", () ->
                send(post("/api/access/grants"), ADMIN, """
                        {"principal": {"kind": "USER", "id": "abe"}, "role": "platform-admin",
                         "scope": {"siteId": "dc1"}, "justification": "also run things"}""")
                        .andExpect(status().isConflict())
                        .andExpect(jsonPath("$.detail").value(containsString("g-abe-audit"))));
        assertThat(denials.get(denials.size() - 1).get("conflictingGrantId").asText()).isEqualTo("g-abe-audit");
    }

    /**
     * Runs {@code refused}, then checks the directory's stream is unchanged and exactly one new denial of
     * {@code actor} was stored, naming {@code rule}; answers the actor's denials.
     */
    private static List<JsonNode> expectRefusedStoringOnlyADenial(String actor, String rule, Refusal refused)
            throws Exception {
        long directoryBefore = streamLength(AccessDirectory.ID);
        int denialsBefore = denialsOf(actor).size();

        refused.run();

        assertThat(streamLength(AccessDirectory.ID)).as("nothing stored in the directory").isEqualTo(directoryBefore);
        List<JsonNode> denials = denialsOf(actor);
        assertThat(denials).as("one denial stored").hasSize(denialsBefore + 1);
        assertThat(denials.get(denials.size() - 1).get("rule").asText()).isEqualTo(rule);
        return denials;
    }

    @FunctionalInterface
    private interface Refusal {
        void run() throws Exception;
    }

    private static String vm(String id, String site, String environment) {
        return """
                {"id": "%s", "name": "web", "siteId": "%s", "hostId": "hv-%s", "project": "eproc",
                 "environment": "%s", "vcpus": 1, "memoryMib": 1024}""".formatted(id, site, site, environment);
    }

    private static ResultActions send(MockHttpServletRequestBuilder request, RequestPostProcessor caller, String body)
            throws Exception {
        request.with(caller);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return service.mvc().perform(request);
    }

    private static long streamLength(String aggregateId) {
        return database.jdbc().queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, aggregateId);
    }

    /** The payloads of {@code actor}'s AccessDenied events, oldest first. */
    private static List<JsonNode> denialsOf(String actor) {
        return database.jdbc().queryForList("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE"
                        + " payload_type = 'dev.twinledger.api.access.AccessDenied'"
                        + " AND convert_from(payload, 'UTF8')::jsonb ->> 'actor' = ? ORDER BY global_index",
                String.class, actor).stream().map(AccessGovernanceIT::parse).toList();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
