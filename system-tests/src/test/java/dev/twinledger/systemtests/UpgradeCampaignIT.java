package dev.twinledger.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twinledger.systemtests.support.Api;
import dev.twinledger.systemtests.support.SystemStack;
import dev.twinledger.systemtests.support.SystemStackExtension;
import dev.twinledger.systemtests.support.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The seed case's 2021 upgrade, replayed through both APIs with real servers: a main site of 12 hosts and 200 VMs,
 * 4 spare servers designated as temporary capacity, every VM moved out and back host by host, one migration failing
 * and retried, the campaign paused and resumed, and the memory alerts of the temporary hosts firing and clearing as
 * VMs come and go, each delivered exactly once to a webhook that answers 500 twice first.
 *
 * <p>The test plays the two parties Twinledger records but does not replace: the virtualization platform, which
 * executes the migrations the campaign requests and reports them (start, complete or fail), and the operators, who
 * upgrade an evacuated host and report it.
 */
@ExtendWith(SystemStackExtension.class)
class UpgradeCampaignIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAIN_HOSTS = 12;
    private static final int TEMPORARY_HOSTS = 4;
    private static final int VMS = 200;
    private static final long VM_MEMORY_MIB = 8192;
    private static final Duration CAMPAIGN_DEADLINE = Duration.ofMinutes(10);

    private long lastPosition;

    @Test
    void theUpgradeMovesEveryVmOutAndBackAndReportsIt(SystemStack stack) throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String admin = stack.tokenFor("platform-admin");
        String operator = stack.tokenFor("operator");
        String viewer = stack.tokenFor("viewer");
        Api commands = stack.commandApi();
        Api queries = stack.queryApi();

        // The estate: one OpenStack site, 12 main hosts at ~72 % with 16-17 VMs each, 4 smaller spare servers.
        String site = "dc1-" + unique;
        sent(201, commands.post("/api/sites", admin, Map.of("id", site, "name", "Main " + unique,
                "platform", "OPENSTACK")));
        String project = "eproc-" + unique;
        sent(201, commands.post("/api/projects", admin, Map.of("id", project, "name", "e-procurement")));
        List<String> mainHosts = new ArrayList<>();
        for (int i = 1; i <= MAIN_HOSTS; i++) {
            String host = site + "-h" + String.format("%02d", i);
            mainHosts.add(host);
            sent(201, commands.post("/api/hosts", admin, host(host, site, 196_608, 8_192, false)));
        }
        List<String> spareHosts = new ArrayList<>();
        for (int i = 1; i <= TEMPORARY_HOSTS; i++) {
            String host = site + "-t" + i;
            spareHosts.add(host);
            // (65 536 - 4 096) MiB = 7.5 VMs: the 6th VM crosses 80 % (warning), the 7th crosses 90 % (critical).
            sent(201, commands.post("/api/hosts", admin, host(host, site, 65_536, 4_096, false)));
        }
        Map<String, String> homeOf = new LinkedHashMap<>();
        for (int i = 0; i < VMS; i++) {
            String vm = site + "-vm" + String.format("%03d", i);
            String host = mainHosts.get(i % MAIN_HOSTS);
            homeOf.put(vm, host);
            sent(201, commands.post("/api/vms", operator, Map.of("id", vm, "name", "app-" + i,
                    "siteId", site, "hostId", host, "project", project, "environment", i % 5 == 0 ? "STAGING" : "PROD",
                    "vcpus", 4, "memoryMib", VM_MEMORY_MIB)));
        }
        JsonNode before = expect(200, queries.get("/api/capacity/hosts?siteId=" + site + "&size=100&minPosition="
                + lastPosition, viewer));
        assertThat(before.get("items")).hasSize(MAIN_HOSTS + TEMPORARY_HOSTS);

        // The campaign.
        String campaign = "upgrade-2021-" + unique;
        Map<String, Object> plan = new HashMap<>();
        plan.put("id", campaign);
        plan.put("name", "OpenStack upgrade");
        plan.put("siteId", site);
        plan.put("hostIds", mainHosts);
        plan.put("temporaryHostIds", spareHosts);
        plan.put("targetVersion", "2021.1");
        plan.put("maxAttempts", 3);
        plan.put("migrationTimeoutSeconds", 600);
        sent(201, commands.post("/api/campaigns", admin, plan));
        Instant started = Instant.now();
        long startedAt = sent(200, commands.post("/api/campaigns/" + campaign + "/start", admin, null))
                .get("position").asLong();

        // The platform and the operators, until the campaign completes.
        String failOnce = site + "-vm042";
        Set<String> reported = new HashSet<>();
        Set<String> upgraded = new HashSet<>();
        String failedMigration = null;
        boolean paused = false;
        boolean resumed = false;
        long requestedWhenPaused = -1;
        int quietRoundsWhilePaused = 0;
        JsonNode progress;
        while (true) {
            progress = expect(200, queries.get("/api/campaigns/" + campaign + "?minPosition=" + startedAt, viewer));
            String state = progress.get("state").asText();
            if ("COMPLETED".equals(state)) {
                break;
            }
            if (Duration.between(started, Instant.now()).compareTo(CAMPAIGN_DEADLINE) > 0) {
                fail("campaign did not complete within %s; last progress: %s", CAMPAIGN_DEADLINE, progress);
            }
            assertCapacityNotNegative(queries, viewer, site);

            // Pause once the first host is done; resume after the in-flight migrations have drained and a few
            // rounds showed that nothing new was requested meanwhile.
            Map<String, String> phases = new HashMap<>();
            progress.get("hostPhases").forEach(p -> phases.put(p.get("hostId").asText(), p.get("phase").asText()));
            if (!paused && "DONE".equals(phases.get(mainHosts.get(0)))) {
                sent(200, commands.post("/api/campaigns/" + campaign + "/pause", admin,
                        Map.of("reason", "client's fault-tolerance test window")));
                paused = true;
            }
            if (paused && !resumed && "PAUSED".equals(state)) {
                // Paused: what was in flight finishes, and nothing new reaches the platform. Resume once a few rounds
                // saw no migration of the campaign waiting and the number ever requested unchanged.
                long requested = expect(200, queries.get("/api/migrations?campaignId=" + campaign + "&size=1",
                        viewer)).get("totalItems").asLong();
                long open = expect(200, queries.get("/api/migrations?campaignId=" + campaign
                        + "&state=REQUESTED&size=1", viewer)).get("totalItems").asLong()
                        + expect(200, queries.get("/api/migrations?campaignId=" + campaign
                        + "&state=IN_PROGRESS&size=1", viewer)).get("totalItems").asLong();
                quietRoundsWhilePaused = open == 0 && requested == requestedWhenPaused ? quietRoundsWhilePaused + 1 : 0;
                requestedWhenPaused = requested;
                if (quietRoundsWhilePaused >= 5) {
                    sent(200, commands.post("/api/campaigns/" + campaign + "/resume", admin, null));
                    resumed = true;
                }
            }

            // Operators upgrade an evacuated host.
            for (String host : mainHosts) {
                if ("AWAITING_UPGRADE".equals(phases.get(host)) && upgraded.add(host)) {
                    sent(200, commands.post("/api/hosts/" + host + "/upgrade", admin,
                            Map.of("softwareVersion", "2021.1")));
                }
            }

            // The platform executes what the campaign requested.
            JsonNode requested = expect(200, queries.get("/api/migrations?campaignId=" + campaign
                    + "&state=REQUESTED&size=500", viewer));
            for (JsonNode migration : requested.get("items")) {
                String id = migration.get("id").asText();
                String vm = migration.get("vmId").asText();
                if (!reported.add(id)) {
                    continue;
                }
                String base = "/api/vms/" + vm + "/migrations/" + id;
                sent(200, commands.post(base + "/start", operator, null));
                if (vm.equals(failOnce) && failedMigration == null) {
                    failedMigration = id;
                    sent(200, commands.post(base + "/fail", operator,
                            Map.of("reason", "live migration aborted: dirty page rate too high")));
                } else {
                    sent(200, commands.post(base + "/complete", operator, Map.of()));
                }
            }
            Thread.sleep(200);
        }

        // The report.
        assertThat(paused).as("the campaign was paused").isTrue();
        assertThat(resumed).as("and resumed").isTrue();
        JsonNode report = progress.get("report");
        assertThat(report.get("vmsMoved").asInt()).isEqualTo(VMS);
        assertThat(report.get("migrationsSucceeded").asInt()).isEqualTo(2 * VMS);
        assertThat(report.get("migrationsFailed").asInt()).isEqualTo(1);
        assertThat(report.get("migrationsRetried").asInt()).isEqualTo(1);
        assertThat(report.get("migrationsAbandoned").asInt()).isZero();
        List<String> hostsUpgraded = new ArrayList<>();
        report.get("hostsUpgraded").forEach(h -> hostsUpgraded.add(h.asText()));
        assertThat(hostsUpgraded).containsExactlyElementsOf(mainHosts);
        assertThat(report.get("hostsSkipped")).isEmpty();
        assertThat(report.get("durationSeconds").asLong()).isPositive()
                .isLessThanOrEqualTo(Duration.between(started, Instant.now()).toSeconds() + 1);

        // Every VM moved out and back: two completed migrations each, and it stands on its own host again.
        // Every migration event was stored by one of the platform's reports, so its position is at most the last
        // answered one; the campaign's own completion may have reached the read model first.
        String caughtUp = "&minPosition=" + lastPosition;
        JsonNode completed = expect(200, queries.get("/api/migrations?campaignId=" + campaign
                + "&state=COMPLETED&size=500" + caughtUp, viewer));
        Map<String, Long> movesPerVm = new HashMap<>();
        completed.get("items").forEach(m -> movesPerVm.merge(m.get("vmId").asText(), 1L, Long::sum));
        assertThat(completed.get("totalItems").asLong()).isEqualTo(2L * VMS);
        assertThat(movesPerVm).hasSize(VMS).allSatisfy((vm, moves) -> assertThat(moves).isEqualTo(2));
        JsonNode vms = expect(200, queries.get("/api/vms?site=" + site + "&size=500" + caughtUp, viewer));
        assertThat(vms.get("items")).hasSize(VMS);
        vms.get("items").forEach(vm -> assertThat(vm.get("hostId").asText()).as(vm.get("id").asText())
                .isEqualTo(homeOf.get(vm.get("id").asText())));

        // The failed migration was retried, and the VM's history reads as one line through its moves.
        JsonNode failed = expect(200, queries.get("/api/migrations/" + failedMigration, viewer));
        assertThat(failed.get("state").asText()).isEqualTo("FAILED");
        JsonNode history = expect(200, queries.get("/api/resources/" + failOnce + "/history?size=100", viewer));
        List<String> types = new ArrayList<>();
        history.get("items").forEach(e -> types.add(e.get("event").asText()));
        assertThat(types).containsSubsequence("VmProvisioned", "MigrationRequested", "MigrationStarted",
                "MigrationFailed", "MigrationRequested", "MigrationStarted", "MigrationCompleted",
                "MigrationRequested", "MigrationStarted", "MigrationCompleted");

        // Capacity never went negative nor above what a host offers, at any stored event.
        assertAllocationsWithinCapacity(stack);

        // The alerts fired as the spare servers filled and cleared as they emptied: none is open at the end, and
        // each transition reached the webhook exactly once, signed, after two refused attempts.
        JsonNode alerts = expect(200, queries.get("/api/alerts?state=all&siteId=" + site + "&size=500" + caughtUp, viewer));
        assertThat(alerts.get("totalItems").asLong()).as("alerts raised during the campaign").isGreaterThan(0);
        assertThat(expect(200, queries.get("/api/alerts?state=open&siteId=" + site, viewer))
                .get("totalItems").asLong()).isZero();
        Set<String> raisedIds = new HashSet<>();
        alerts.get("items").forEach(a -> raisedIds.add(a.get("id").asText()));
        Set<String> severities = new HashSet<>();
        alerts.get("items").forEach(a -> severities.add(a.get("severity").asText()));
        assertThat(severities).contains("WARNING", "CRITICAL");

        WebhookReceiver webhooks = stack.webhooks();
        Map<String, List<String>> transitionsByAlert = awaitDeliveries(webhooks, site, 2 * raisedIds.size());
        assertThat(webhooks.rejected()).isEmpty();
        assertThat(transitionsByAlert.keySet()).isEqualTo(raisedIds);
        assertThat(transitionsByAlert).allSatisfy((alert, transitions) ->
                assertThat(transitions).as(alert).containsExactly("RAISED", "CLEARED"));
        assertThat(webhooks.accepted()).filteredOn(a -> site.equals(a.body().get("siteId").asText()))
                .allSatisfy(a -> assertThat(a.attempt()).isEqualTo(3));
    }

    private static Map<String, Object> host(String id, String site, long memoryMib, long reservedMib,
                                            boolean temporary) {
        return Map.of("id", id, "siteId", site, "name", id + ".example", "cpuCores", 64, "memoryMib", memoryMib,
                "reservedMemoryMib", reservedMib, "overcommitRatio", 1.0, "temporary", temporary);
    }

    private static void assertCapacityNotNegative(Api queries, String token, String site) {
        JsonNode hosts = expect(200, queries.get("/api/capacity/hosts?siteId=" + site + "&size=100", token));
        for (JsonNode host : hosts.get("items")) {
            assertThat(host.get("freeMib").asLong()).as("free memory of %s", host.get("hostId")).isNotNegative();
            assertThat(host.get("allocatedMib").asLong()).as("allocated memory of %s", host.get("hostId"))
                    .isNotNegative();
        }
    }

    /** Reads every memory event of the event store: after each one, 0 <= allocated <= capacity. */
    private static void assertAllocationsWithinCapacity(SystemStack stack) throws Exception {
        try (Connection connection = stack.eventStore(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT count(*) AS events,
                            count(*) FILTER (WHERE (convert_from(payload, 'UTF8')::jsonb ->> 'allocatedMib')::bigint < 0
                               OR (convert_from(payload, 'UTF8')::jsonb ->> 'allocatedMib')::bigint
                                  > (convert_from(payload, 'UTF8')::jsonb ->> 'capacityMib')::bigint) AS violations
                       FROM domain_event_entry
                      WHERE payload_type IN ('dev.twinledger.api.inventory.HostMemoryAllocated',
                                             'dev.twinledger.api.inventory.HostMemoryReleased')""")) {
            rows.next();
            assertThat(rows.getLong("events")).as("memory events stored").isGreaterThan(4L * VMS);
            assertThat(rows.getLong("violations")).as("events leaving a host below 0 or above capacity").isZero();
        }
    }

    private static Map<String, List<String>> awaitDeliveries(WebhookReceiver webhooks, String site, int expected)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (true) {
            List<WebhookReceiver.Accepted> ours = webhooks.accepted().stream()
                    .filter(a -> site.equals(a.body().get("siteId").asText())).toList();
            if (ours.size() >= expected || Instant.now().isAfter(deadline)) {
                Map<String, List<String>> byAlert = new LinkedHashMap<>();
                ours.forEach(a -> byAlert.computeIfAbsent(a.body().get("alertId").asText(), k -> new ArrayList<>())
                        .add(a.body().get("transition").asText()));
                assertThat(ours).as("deliveries accepted").hasSize(expected);
                assertThat(ours.stream().map(WebhookReceiver.Accepted::deliveryId).collect(Collectors.toSet()))
                        .as("distinct delivery ids").hasSize(expected);
                return byAlert;
            }
            Thread.sleep(250);
        }
    }

    /** A command's answer; remembers the highest position any command answered, for read-your-writes. */
    private JsonNode sent(int status, Api.Response response) {
        JsonNode body = expect(status, response);
        lastPosition = Math.max(lastPosition, body.path("position").asLong());
        return body;
    }

    private static JsonNode expect(int status, Api.Response response) {
        assertThat(response.status()).as("%s", response.body()).isEqualTo(status);
        return response.body();
    }
}
