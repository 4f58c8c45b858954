package dev.twinledger.commandside.it;

import dev.twinledger.commandside.support.RunningCommandSide;
import dev.twinledger.commandside.support.TestDatabase;
import dev.twinledger.commandside.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The access directory over HTTP on a real event store: the bootstrap admins exist after the first start, grants go
 * through or wait for a second person, and every escalation (beyond one's scope, beyond one's role, self-approval,
 * separation of duties) is refused, stores nothing in the directory and is recorded as one {@code AccessDenied}.
 */
class AccessDirectoryIT {

    private static final String ADMIN = "user-access-admin";
    private static final String SECOND = "second-admin";

    private static EmbeddedKafkaKraftBroker kafka;
    private static TestDatabase database;
    private static RunningCommandSide service;

    @BeforeAll
    static void start() {
        kafka = new EmbeddedKafkaKraftBroker(1, 1);
        kafka.afterPropertiesSet();
        database = TestDatabase.create("access");
        service = RunningCommandSide.start(database, kafka.getBrokersAsString(), "it.access.events");
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
    void theFirstStartSeedsTheRolesAndTheBootstrapAdmins() {
        assertThat(database.jdbc().queryForList("select payload_type from domain_event_entry"
                        + " where aggregate_identifier = 'access-directory' order by sequence_number", String.class))
                .first().asString().endsWith("AccessDirectoryInitialized");
        assertThat(database.jdbc().queryForObject("select count(*) from domain_event_entry where aggregate_identifier"
                + " = 'access-directory' and payload_type like '%RoleDefined'", Integer.class)).isEqualTo(5);
        assertThat(database.jdbc().queryForList("select convert_from(payload, 'UTF8')::jsonb ->> 'grantId'"
                + " from domain_event_entry where aggregate_identifier = 'access-directory' and payload_type like"
                + " '%GrantRequested' and convert_from(payload, 'UTF8')::jsonb ->> 'requestedBy' = 'system'",
                String.class)).containsExactlyInAnyOrder("bootstrap-" + ADMIN, "bootstrap-" + SECOND);
    }

    @Test
    void anOrdinaryGrantTakesEffectAndAPrivilegedOneWaitsForASecondPerson() throws Exception {
        grant(ADMIN, "ok-operator", "carol", "operator", "{\"siteId\": \"dc1\"}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value("ok-operator"));
        grant(ADMIN, "ok-platform", "carol-admin", "platform-admin", "{\"siteId\": \"dc1\"}")
                .andExpect(status().isCreated());
        service.mvc().perform(post("/api/access/grants/ok-platform/approve").with(Tokens.as(SECOND, "access-admin")))
                .andExpect(status().isOk());
        service.mvc().perform(post("/api/access/grants/ok-platform/approve").with(Tokens.as(SECOND, "access-admin")))
                .andExpect(status().isConflict());
    }

    @Test
    void selfApprovalIsRefusedStoresNothingAndIsRecorded() throws Exception {
        grant(ADMIN, "self-approval", "dave", "platform-admin", "{}").andExpect(status().isCreated());
        long before = directoryEvents();

        service.mvc().perform(post("/api/access/grants/self-approval/approve").with(Tokens.as(ADMIN, "access-admin")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

        assertThat(directoryEvents()).isEqualTo(before);
        assertThat(denials(ADMIN, "second-person-approval")).isEqualTo(1);
    }

    @Test
    void grantingBeyondOnesScopeOrRoleIsRefusedStoresNothingAndIsRecorded() throws Exception {
        // erin administers access at dc1 only (approved by a second person): she may not grant at dc2, nor
        // everywhere, and not a role with permissions she lacks (a custom one holding audit:read, which she has
        // at dc1, is fine; but she may not define roles at all).
        grant(ADMIN, "erin-dc1", "erin", "access-admin", "{\"siteId\": \"dc1\"}").andExpect(status().isCreated());
        service.mvc().perform(post("/api/access/grants/erin-dc1/approve").with(Tokens.as(SECOND, "access-admin")))
                .andExpect(status().isOk());
        long before = directoryEvents();

        grant("erin", "erin-dc2", "frank", "operator", "{\"siteId\": \"dc2\"}")
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(containsString("grant:create")));
        grant("erin", "erin-everywhere", "frank", "operator", "{}")
                .andExpect(status().isForbidden());
        service.mvc().perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .put("/api/access/roles/frank-role").with(Tokens.as("erin", "access-admin"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"permissions\": [\"inventory:read\"], \"privileged\": false}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(containsString("role:define")));

        assertThat(directoryEvents()).isEqualTo(before);
        assertThat(denials("erin", "no-escalation")).isEqualTo(2);
        assertThat(denials("erin", "permission")).isEqualTo(1);
    }

    @Test
    void aSeparationOfDutiesConflictIsRefusedNamingTheGrantStoresNothingAndIsRecorded() throws Exception {
        grant(ADMIN, "gina-auditor", "gina", "auditor", "{}").andExpect(status().isCreated());
        long before = directoryEvents();

        grant(ADMIN, "gina-admin", "gina", "platform-admin", "{\"siteId\": \"dc1\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("gina-auditor")));

        assertThat(directoryEvents()).isEqualTo(before);
        assertThat(denials(ADMIN, "separation-of-duties")).isEqualTo(1);
    }

    @Test
    void badInputIsA400OrA422AndStoresNothing() throws Exception {
        long before = directoryEvents();
        grant(ADMIN, "bad id!", "h", "operator", "{}").andExpect(status().isBadRequest());
        service.mvc().perform(post("/api/access/grants").with(Tokens.as(ADMIN, "access-admin"))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"principal": {"kind": "USER", "id": "h"}, "role": "operator", "justification": "x",
                                 "validFrom": "2030-01-02T00:00:00Z", "validUntil": "2030-01-01T00:00:00Z"}"""))
                .andExpect(status().isUnprocessableEntity());
        grant(ADMIN, "no-such-role", "h", "wizard", "{}").andExpect(status().isNotFound());
        assertThat(directoryEvents()).isEqualTo(before);
    }

    private static ResultActions grant(String requester, String grantId, String user, String role, String scope)
            throws Exception {
        return service.mvc().perform(post("/api/access/grants").with(Tokens.as(requester, "access-admin"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"grantId\": \"" + grantId + "\", \"principal\": {\"kind\": \"USER\", \"id\": \"" + user
                        + "\"}, \"role\": \"" + role + "\", \"scope\": " + scope
                        + ", \"justification\": \"integration test\"}"));
    }

    private static long directoryEvents() {
        return database.jdbc().queryForObject("select count(*) from domain_event_entry"
                + " where aggregate_identifier = 'access-directory'", Long.class);
    }

    /** AccessDenied events of {@code actor} refused by {@code rule}, read from the payload as stored (JSON). */
    private static int denials(String actor, String rule) {
        return database.jdbc().queryForObject("select count(*) from domain_event_entry"
                + " where payload_type like '%AccessDenied' and convert_from(payload, 'UTF8')::jsonb ->> 'actor' = ?"
                + " and convert_from(payload, 'UTF8')::jsonb ->> 'rule' = ?", Integer.class, actor, rule);
    }
}
