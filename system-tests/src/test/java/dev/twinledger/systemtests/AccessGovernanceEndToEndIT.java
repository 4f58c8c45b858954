package dev.twinledger.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.twinledger.systemtests.support.Api;
import dev.twinledger.systemtests.support.SystemStack;
import dev.twinledger.systemtests.support.SystemStackExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Access governance through both services with real Keycloak tokens: an access admin grants {@code operator} on
 * {@code site=dc1, environment=prod} for a short time to {@code dc1-operator}, who holds no other grant. That user
 * provisions there, is refused at dc2 and in dev, and is refused at dc1 once the grant has ended; the query side's
 * check explains both moments. Then revoke-then-act: a command right after a revocation is refused, and a check
 * waiting for the revocation's position answers denied.
 */
@ExtendWith(SystemStackExtension.class)
class AccessGovernanceEndToEndIT {

    private static final String USER = "dc1-operator";
    private static final Duration GRANT_LIFETIME = Duration.ofSeconds(15);

    private SystemStack stack;
    private String unique;
    private String project;

    @BeforeEach
    void twoSites(SystemStack stack) {
        this.stack = stack;
        unique = UUID.randomUUID().toString().substring(0, 8);
        String admin = stack.tokenFor("platform-admin");
        for (String[] site : new String[][] {{"dc1", "OPENSTACK"}, {"dc2", "VMWARE"}}) {
            var registered = stack.commandApi().post("/api/sites", admin,
                    Map.of("id", site[0], "name", "Site " + site[0], "platform", site[1]));
            assertThat(registered.status()).as("register %s: %s", site[0], registered.body()).isIn(201, 409);
            var host = stack.commandApi().post("/api/hosts", admin, Map.of("id", host(site[0]), "siteId", site[0],
                    "name", host(site[0]) + ".example", "cpuCores", 64, "memoryMib", 262144));
            assertThat(host.status()).as("register host: %s", host.body()).isEqualTo(201);
        }
        project = "gov-" + unique;
        var registered = stack.commandApi().post("/api/projects", admin, Map.of("id", project, "name", "Governed"));
        assertThat(registered.status()).as("register project: %s", registered.body()).isEqualTo(201);
    }

    @Test
    void aSiteAndEnvironmentGrantAllowsThereOnlyAndEndsByItself() throws InterruptedException {
        String admin = stack.tokenFor("access-admin");
        Instant until = Instant.now().plus(GRANT_LIFETIME);
        String grantId = "dc1-prod-" + unique;
        var granted = grant(admin, grantId, until);
        assertThat(granted.status()).as("grant: %s", granted.body()).isIn(200, 201);

        String user = stack.tokenFor(USER);
        var provisioned = stack.commandApi().post("/api/vms", user, vm("a-" + unique, "dc1", "PROD"));
        assertThat(provisioned.status()).as("provision at dc1/prod: %s", provisioned.body()).isEqualTo(201);
        long whileValid = provisioned.body().get("position").asLong();
        Instant duringGrant = Instant.now();

        var atDc2 = stack.commandApi().post("/api/vms", user, vm("b-" + unique, "dc2", "PROD"));
        assertForbidden(atDc2, "vm:provision", "dc2");
        var inDev = stack.commandApi().post("/api/vms", user, vm("c-" + unique, "dc1", "DEV"));
        assertForbidden(inDev, "vm:provision", "dev");

        sleepUntil(until.plusMillis(500));
        var afterEnd = stack.commandApi().post("/api/vms", user, vm("d-" + unique, "dc1", "PROD"));
        assertForbidden(afterEnd, "vm:provision", "dc1");
        Instant afterGrant = Instant.now();

        String vmId = provisioned.body().get("id").asText();
        JsonNode allowed = check(admin, vmId, duringGrant, whileValid);
        assertThat(allowed.get("allowed").asBoolean()).as("check during the grant: %s", allowed).isTrue();
        JsonNode reason = allowed.get("reasons").get(0);
        assertThat(reason.get("grantId").asText()).isEqualTo(grantId);
        assertThat(reason.get("role").asText()).isEqualTo("operator");
        assertThat(reason.get("grantedBy").asText()).isEqualTo("access-admin");
        assertThat(reason.get("grantEventId").asText()).isNotBlank();

        JsonNode denied = check(admin, vmId, afterGrant, whileValid);
        assertThat(denied.get("allowed").asBoolean()).as("check after the grant: %s", denied).isFalse();
        assertThat(denied.toString()).contains("vm:provision").contains(grantId);

        // Each refusal is recorded: the three denied attempts are in the access read model.
        JsonNode denials = awaitItems("/api/access/denials?actor=" + USER + "&size=100", admin, 3);
        List<String> reasons = new ArrayList<>();
        denials.forEach(item -> reasons.add(item.toString()));
        assertThat(String.join("\n", reasons)).contains("dc2").contains("vm:provision");
    }

    @Test
    void aCommandRightAfterRevocationIsRefusedAndTheCheckAtItsPositionSaysDenied() {
        String admin = stack.tokenFor("access-admin");
        String grantId = "revoked-" + unique;
        var granted = grant(admin, grantId, null);
        assertThat(granted.status()).as("grant: %s", granted.body()).isIn(200, 201);
        String user = stack.tokenFor(USER);
        var provisioned = stack.commandApi().post("/api/vms", user, vm("r-" + unique, "dc1", "PROD"));
        assertThat(provisioned.status()).as("provision: %s", provisioned.body()).isEqualTo(201);

        var revoked = stack.commandApi().post("/api/access/grants/" + grantId + "/revoke", admin,
                Map.of("reason", "left the on-call rota"));
        assertThat(revoked.status()).as("revoke: %s", revoked.body()).isEqualTo(200);
        var next = stack.commandApi().post("/api/vms", user, vm("s-" + unique, "dc1", "PROD"));
        assertForbidden(next, "vm:provision", "dc1");

        JsonNode check = check(admin, provisioned.body().get("id").asText(), null,
                revoked.body().get("position").asLong());
        assertThat(check.get("allowed").asBoolean()).as("check at the revocation's position: %s", check).isFalse();
    }

    private Api.Response grant(String token, String grantId, Instant until) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("grantId", grantId);
        body.put("principal", Map.of("kind", "USER", "id", USER));
        body.put("role", "operator");
        body.put("scope", Map.of("siteId", "dc1", "environment", "PROD"));
        if (until != null) {
            body.put("validUntil", until.toString());
        }
        body.put("justification", "on call for the dc1 production estate");
        body.put("ticket", "CHG-" + unique);
        return stack.commandApi().post("/api/access/grants", token, body);
    }

    private Map<String, Object> vm(String name, String site, String environment) {
        return Map.of("name", name, "siteId", site, "hostId", host(site), "project", project,
                "environment", environment, "vcpus", 1, "memoryMib", 1024);
    }

    private String host(String site) {
        return site + "-" + unique + "-h01";
    }

    private JsonNode check(String token, String vmId, Instant asOf, long minPosition) {
        String query = "/api/access/check?principal=user:" + USER + "&action=vm:provision&resourceType=vm"
                + "&resourceId=" + vmId + "&minPosition=" + minPosition
                + (asOf == null ? "" : "&asOf=" + URLEncoder.encode(asOf.toString(), StandardCharsets.UTF_8));
        var response = stack.queryApi().get(query, token);
        assertThat(response.status()).as("check: %s", response.body()).isEqualTo(200);
        return response.body();
    }

    private JsonNode awaitItems(String path, String token, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            var response = stack.queryApi().get(path, token);
            assertThat(response.status()).as("%s: %s", path, response.body()).isEqualTo(200);
            if (response.body().get("items").size() >= atLeast || System.nanoTime() > deadline) {
                assertThat(response.body().get("items").size()).as("%s", response.body()).isGreaterThanOrEqualTo(atLeast);
                return response.body().get("items");
            }
            Thread.sleep(200);
        }
    }

    private static void assertForbidden(Api.Response response, String permission, String scopePart) {
        assertThat(response.status()).as("%s", response.body()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("detail").asText()).contains(permission).containsIgnoringCase(scopePart);
    }

    private static void sleepUntil(Instant instant) throws InterruptedException {
        long millis = Duration.between(Instant.now(), instant).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
