package dev.twinledger.commandside.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.twinledger.commandside.campaign.CampaignModule;
import dev.twinledger.commandside.inventory.InventoryLookup;
import dev.twinledger.commandside.support.RunningCommandSide;
import dev.twinledger.commandside.support.TestDatabase;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.twinledger.commandside.support.Tokens.withRealmRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Whole campaigns through the running service on a real PostgreSQL, each over its own small estate. The test plays
 * the platform and the operator through the command API, as they would report: it starts and completes each
 * migration the campaign requests (or fails one, where a case injects a failure) and reports each evacuated host
 * upgraded, until the campaign completes. It then checks where every VM went and came back, the report's numbers,
 * and that no host's memory ever went below zero or above its capacity in the store's
 * {@code HostMemoryAllocated}/{@code HostMemoryReleased} events.
 *
 * <p>Cases: a full run with a failure retried; a pause holding a retry back; a migration never reported, failed by
 * its deadline and retried; moves back refused because the upgraded host filled up meanwhile; and hosts the
 * campaign cannot empty, skipped and put back in service.
 *
 * <p>Kafka publishing and the alerts topic are off (nothing here reads them; {@code CampaignSagaIT} and
 * {@code AlertTopicIT} cover them), and db-scheduler polls every 500 ms so that a one-second migration deadline fires
 * within the test's patience.
 */
class CampaignFullRunIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String VERSION = "2021.2";
    private static final String PROJECT = "eproc";

    private static TestDatabase database;
    private static RunningCommandSide service;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.create("campaignrun");
        service = RunningCommandSide.start(database, "127.0.0.1:1", "it.campaign.run",
                "--axon.kafka.publisher.enabled=false", "--twinledger.alerts.topic.enabled=false",
                "--db-scheduler.polling-interval=500ms");
        send(post("/api/projects"), "platform-admin", """
                {"id": "%s", "name": "e-procurement"}""".formatted(PROJECT), true);
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

    /**
     * h1 (two VMs) then h2 (one VM) are upgraded with t1 as temporary capacity, which holds exactly h1's two VMs; the
     * first attempt to move vm-2 fails on the platform and is retried.
     */
    @Test
    void twoHostsAreUpgradedTheirVmsMoveOutAndBackAndTheReportAddsUp() throws Exception {
        Estate estate = new Estate("s1")
                .host("h1", 65536).host("h2", 65536).host("t1", 16384)
                .vm("vm-1", "h1", 8192).vm("vm-2", "h1", 8192).vm("vm-3", "h2", 8192)
                .register();
        String campaign = "c-full";
        createAndStart(campaign, "s1", List.of("h1", "h2"), List.of("t1"), 3, 600);

        Platform platform = new Platform(campaign).failingFirstAttemptOf("vm-2");
        JsonNode report = platform.runToCompletion();

        assertThat(report.get("vmsMoved").asInt()).isEqualTo(3);
        // Out and back for each of the three VMs; vm-2's failed first attempt counts once, as failed and retried.
        assertThat(report.get("migrationsSucceeded").asInt()).isEqualTo(6);
        assertThat(report.get("migrationsFailed").asInt()).isEqualTo(1);
        assertThat(report.get("migrationsRetried").asInt()).isEqualTo(1);
        assertThat(report.get("migrationsAbandoned").asInt()).isZero();
        assertThat(report.get("hostsUpgraded")).extracting(JsonNode::asText).containsExactly("h1", "h2");
        assertThat(report.get("hostsSkipped").isEmpty()).isTrue();
        assertThat(report.get("durationSeconds").asLong()).isNotNegative();

        assertThat(moves("vm-1")).containsExactly("h1->t1", "t1->h1");
        assertThat(moves("vm-2")).containsExactly("h1->t1", "t1->h1");
        assertThat(moves("vm-3")).containsExactly("h2->t1", "t1->h2");
        assertThat(failedMigrations(campaign)).extracting(failed -> failed.get("vmId").asText() + ": "
                + failed.get("reason").asText()).containsExactly("vm-2: injected: libvirt error");
        assertThat(allocations("h1")).containsOnlyKeys("vm-1", "vm-2");
        assertThat(allocations("h2")).containsOnlyKeys("vm-3");
        assertThat(allocations("t1")).isEmpty();
        estate.assertMemoryStayedWithinCapacity();
        // t1 was filled to the last MiB while h1 was away, and its capacity alerts all cleared once it emptied.
        assertThat(estate.peakAllocated("t1")).isEqualTo(16384);
        assertThat(alerts("CapacityAlertRaised", "t1")).isNotEmpty()
                .hasSameSizeAs(alerts("CapacityAlertCleared", "t1"));
        assertProcessEnded(campaign);
        assertThat(hostState("h1")).isEqualTo("ACTIVE");
        assertThat(hostState("h2")).isEqualTo("ACTIVE");
    }

    /** While paused the process requests nothing new, not even the retry of a failure reported meanwhile. */
    @Test
    void aPausedCampaignRequestsNoMigrationUntilItIsResumed() throws Exception {
        Estate estate = new Estate("s-pause")
                .host("p-h1", 65536).host("p-t1", 65536)
                .vm("p-vm-1", "p-h1", 4096).vm("p-vm-2", "p-h1", 4096)
                .register();
        String campaign = "c-pause";
        createAndStart(campaign, "s-pause", List.of("p-h1"), List.of("p-t1"), 3, 600);
        List<JsonNode> firstTwo = await().atMost(PATIENCE).until(() -> requests(campaign), r -> r.size() == 2);

        send(post("/api/campaigns/" + campaign + "/pause"), "platform-admin", "{\"reason\": \"change freeze\"}",
                true);
        Platform platform = new Platform(campaign);
        JsonNode failing = byVm(firstTwo, "p-vm-2");
        platform.fail(failing, "injected: lost the storage network");
        JsonNode succeeding = byVm(firstTwo, "p-vm-1");
        platform.startAndComplete(succeeding);
        awaitProcessed(awaitCampaignEvent(campaign, "CampaignMigrationFailed"));
        awaitProcessed(awaitCampaignEvent(campaign, "CampaignMigrationSucceeded"));
        assertThat(requests(campaign)).hasSize(2);
        assertThat(campaignEvents(campaign, "CampaignMigrationFailed").get(0).at("/retry/migrationId").asText())
                .isNotBlank();

        send(post("/api/campaigns/" + campaign + "/resume"), "platform-admin", null, true);
        List<JsonNode> afterResume = await().atMost(PATIENCE).until(() -> requests(campaign), r -> r.size() == 3);
        JsonNode retry = afterResume.get(2);
        assertThat(retry.get("vmId").asText()).isEqualTo("p-vm-2");
        assertThat(retry.get("targetHostId").asText()).isEqualTo("p-t1");

        JsonNode report = platform.runToCompletion();
        assertThat(report.get("migrationsSucceeded").asInt()).isEqualTo(4);
        assertThat(report.get("migrationsFailed").asInt()).isEqualTo(1);
        assertThat(report.get("migrationsRetried").asInt()).isEqualTo(1);
        assertThat(report.get("hostsUpgraded")).extracting(JsonNode::asText).containsExactly("p-h1");
        assertThat(allocations("p-h1")).containsOnlyKeys("p-vm-1", "p-vm-2");
        assertThat(allocations("p-t1")).isEmpty();
        estate.assertMemoryStayedWithinCapacity();
        assertProcessEnded(campaign);
    }

    /**
     * A migration the platform never reports is failed by its deadline and retried. The retries run under the same
     * one-second deadline; if the machine is slow enough for one of those to time out too, it is failed and retried
     * in the same way, so the numbers are checked against the failures the store actually holds.
     */
    @Test
    void aMigrationNeverReportedTimesOutAndIsRetried() throws Exception {
        Estate estate = new Estate("s-deadline")
                .host("d-h1", 65536).host("d-t1", 65536)
                .vm("d-vm-1", "d-h1", 4096)
                .register();
        String campaign = "c-deadline";
        createAndStart(campaign, "s-deadline", List.of("d-h1"), List.of("d-t1"), 10, 1);
        JsonNode unanswered = await().atMost(PATIENCE).until(() -> requests(campaign), r -> !r.isEmpty()).get(0);

        Platform platform = new Platform(campaign).ignoring(unanswered).toleratingTimeouts();
        JsonNode report = platform.runToCompletion();

        List<JsonNode> failures = failedMigrations(campaign);
        assertThat(failures).isNotEmpty();
        assertThat(failures.get(0).get("migrationId").asText()).isEqualTo(unanswered.get("migrationId").asText());
        assertThat(failures).allSatisfy(failure ->
                assertThat(failure.get("reason").asText()).isEqualTo("timed out after 1 s"));
        assertThat(report.get("migrationsFailed").asInt()).isEqualTo(failures.size());
        assertThat(report.get("migrationsRetried").asInt()).isEqualTo(failures.size());
        assertThat(report.get("migrationsSucceeded").asInt()).isEqualTo(2);
        assertThat(report.get("migrationsAbandoned").asInt()).isZero();
        assertThat(report.get("hostsUpgraded")).extracting(JsonNode::asText).containsExactly("d-h1");
        assertThat(moves("d-vm-1")).containsExactly("d-h1->d-t1", "d-t1->d-h1");
        assertThat(allocations("d-t1")).isEmpty();
        estate.assertMemoryStayedWithinCapacity();
        assertProcessEnded(campaign);
    }

    /**
     * The upgraded host fills up while the campaign is paused, so that of the three moves back, requested together
     * on resume, the middle one no longer fits: it is refused, retried and given up, and the moves before and after it
     * still land (the one after it counting the memory the one before it took).
     */
    @Test
    void aMoveBackThatNoLongerFitsIsGivenUpAndTheOthersStillLand() throws Exception {
        Estate estate = new Estate("s-full")
                .host("f-h1", 65536).host("f-t1", 65536)
                .vm("f-a", "f-h1", 4096).vm("f-b", "f-h1", 8192).vm("f-c", "f-h1", 4096)
                .register();
        String campaign = "c-filled";
        createAndStart(campaign, "s-full", List.of("f-h1"), List.of("f-t1"), 2, 600);
        List<JsonNode> out = await().atMost(PATIENCE).until(() -> requests(campaign), r -> r.size() == 3);
        Platform platform = new Platform(campaign);
        // Completed in this order, so the moves back are planned a, b, c.
        for (String vmId : List.of("f-a", "f-b", "f-c")) {
            platform.startAndComplete(byVm(out, vmId));
            awaitProcessed(awaitMigrationEvent("MigrationCompleted", byVm(out, vmId)));
        }
        awaitCampaignEvent(campaign, "CampaignHostEvacuated");
        send(post("/api/campaigns/" + campaign + "/pause"), "platform-admin", null, true);
        platform.upgrade("f-h1");
        awaitProcessed(awaitCampaignEvent(campaign, "HostReturnPlanned"));
        assertThat(hostState("f-h1")).isEqualTo("ACTIVE");
        // Another tenant lands on the upgraded host: 8192 MiB stay free, enough for f-a and f-c but not also f-b.
        new Estate("s-full").vm("f-tenant", "f-h1", 65536 - 8192).registerVms();
        send(post("/api/campaigns/" + campaign + "/resume"), "platform-admin", null, true);

        JsonNode report = platform.runToCompletion();

        assertThat(moves("f-a")).containsExactly("f-h1->f-t1", "f-t1->f-h1");
        assertThat(moves("f-b")).containsExactly("f-h1->f-t1");
        // f-b was refused with f-a back and f-c not yet: the request after the refusal saw f-a's memory.
        assertThat(campaignEvents(campaign, "CampaignMigrationFailed")).extracting(failed -> failed.get("reason")
                .asText()).first().asString().contains("has 4096 MiB free", "needs 8192 MiB");
        assertThat(moves("f-c")).containsExactly("f-h1->f-t1", "f-t1->f-h1");
        assertThat(report.get("migrationsAbandoned").asInt()).isEqualTo(1);
        assertThat(report.get("migrationsFailed").asInt()).isEqualTo(2);
        assertThat(report.get("migrationsRetried").asInt()).isEqualTo(1);
        assertThat(report.get("hostsUpgraded")).extracting(JsonNode::asText).containsExactly("f-h1");
        assertThat(allocations("f-h1")).containsOnlyKeys("f-a", "f-c", "f-tenant");
        assertThat(allocations("f-t1")).containsOnlyKeys("f-b");
        estate.assertMemoryStayedWithinCapacity();
        assertProcessEnded(campaign);
    }

    /**
     * Hosts the campaign cannot empty are skipped with the reason and put back in service with their VMs: g-h1's VM
     * fits on no temporary host, and g-2b fails on every attempt to leave g-h2, so g-2a, which had left, comes back.
     */
    @Test
    void hostsThatCannotBeEmptiedAreSkippedAndBackInServiceWithTheirVms() throws Exception {
        Estate estate = new Estate("s-skip")
                .host("g-h1", 65536).host("g-h2", 65536).host("g-t1", 16384)
                .vm("g-huge", "g-h1", 60000).vm("g-2a", "g-h2", 4096).vm("g-2b", "g-h2", 4096)
                .register();
        String campaign = "c-skip";
        createAndStart(campaign, "s-skip", List.of("g-h1", "g-h2"), List.of("g-t1"), 2, 600);

        JsonNode report = new Platform(campaign).alwaysFailing("g-2b").runToCompletion();

        assertThat(report.get("hostsUpgraded").isEmpty()).isTrue();
        assertThat(report.at("/hostsSkipped/g-h1").asText()).isEqualTo("VM 'g-huge' (60000 MiB) fits on no ACTIVE"
                + " temporary or upgraded host (largest free: 16384 MiB); nothing was moved");
        assertThat(report.at("/hostsSkipped/g-h2").asText()).startsWith("VM 'g-2b' could not be moved out of host"
                + " 'g-h2' in 2 attempt(s) (last: injected: libvirt error)");
        assertThat(report.get("migrationsFailed").asInt()).isEqualTo(2);
        assertThat(report.get("migrationsRetried").asInt()).isEqualTo(1);
        assertThat(report.get("migrationsAbandoned").asInt()).isEqualTo(1);
        assertThat(moves("g-huge")).isEmpty();
        assertThat(moves("g-2a")).containsExactly("g-h2->g-t1", "g-t1->g-h2");
        assertThat(moves("g-2b")).isEmpty();
        assertThat(hostState("g-h1")).isEqualTo("ACTIVE");
        assertThat(hostState("g-h2")).isEqualTo("ACTIVE");
        assertThat(allocations("g-h2")).containsOnlyKeys("g-2a", "g-2b");
        assertThat(allocations("g-t1")).isEmpty();
        estate.assertMemoryStayedWithinCapacity("g-h2", "g-t1");
        assertProcessEnded(campaign);
    }

    // ------------------------------------------------------------------------------------------------ the estate

    /** A site with hosts and VMs, registered through the API, and the memory checks over its hosts. */
    private static final class Estate {

        private final String siteId;
        private final Map<String, Long> hosts = new LinkedHashMap<>();
        private final Map<String, String> vmHosts = new LinkedHashMap<>();
        private final Map<String, Long> vmMemory = new HashMap<>();

        Estate(String siteId) {
            this.siteId = siteId;
        }

        Estate host(String hostId, long memoryMib) {
            hosts.put(hostId, memoryMib);
            return this;
        }

        Estate vm(String vmId, String hostId, long memoryMib) {
            vmHosts.put(vmId, hostId);
            vmMemory.put(vmId, memoryMib);
            return this;
        }

        Estate register() throws Exception {
            send(post("/api/sites"), "platform-admin", """
                    {"id": "%s", "name": "Site %s", "platform": "OPENSTACK"}""".formatted(siteId, siteId), true);
            for (Map.Entry<String, Long> host : hosts.entrySet()) {
                send(post("/api/hosts"), "platform-admin", """
                        {"id": "%s", "siteId": "%s", "name": "hv-%s", "cpuCores": 32, "memoryMib": %d}"""
                        .formatted(host.getKey(), siteId, host.getKey(), host.getValue()), true);
            }
            return registerVms();
        }

        /** Provisions this estate's VMs on hosts already registered. */
        Estate registerVms() throws Exception {
            for (Map.Entry<String, String> vm : vmHosts.entrySet()) {
                send(post("/api/vms"), "operator", """
                        {"id": "%s", "name": "%s", "siteId": "%s", "hostId": "%s", "project": "%s",
                         "environment": "PROD", "vcpus": 2, "memoryMib": %d}""".formatted(vm.getKey(), vm.getKey(),
                        siteId, vm.getValue(), PROJECT, vmMemory.get(vm.getKey())), true);
            }
            return this;
        }

        /**
         * Every memory event of every host, in store order: the allocation it states stays within 0 and the
         * capacity, and follows from the one before it by exactly the memory moved.
         */
        void assertMemoryStayedWithinCapacity() {
            assertMemoryStayedWithinCapacity(hosts.keySet().toArray(String[]::new));
        }

        /** As {@link #assertMemoryStayedWithinCapacity()}, over {@code hostIds} (hosts whose memory moved). */
        void assertMemoryStayedWithinCapacity(String... hostIds) {
            for (String hostId : hostIds) {
                List<JsonNode> events = memoryEvents(hostId);
                assertThat(events).as("memory events of %s", hostId).isNotEmpty();
                long running = 0;
                for (JsonNode event : events) {
                    boolean allocated = event.get("type").asText().endsWith("HostMemoryAllocated");
                    running += (allocated ? 1 : -1) * event.get("memoryMib").asLong();
                    long stated = event.get("allocatedMib").asLong();
                    assertThat(stated).as("allocation of %s after %s", hostId, event).isEqualTo(running);
                    assertThat(stated).as("allocation of %s after %s", hostId, event)
                            .isBetween(0L, event.get("capacityMib").asLong());
                }
            }
        }

        long peakAllocated(String hostId) {
            return memoryEvents(hostId).stream().mapToLong(event -> event.get("allocatedMib").asLong()).max()
                    .orElse(0);
        }
    }

    // ------------------------------------------------------------------------------------------------ the platform

    /**
     * The platform and the operator around one campaign: answers each migration the campaign requests through the
     * migration endpoints, and reports each evacuated host upgraded through {@code POST /api/hosts/{id}/upgrade}.
     */
    private static final class Platform {

        private final String campaignId;
        private final Set<String> answered = new HashSet<>();
        private final Set<String> upgraded = new HashSet<>();
        private String failFirstAttemptOf;
        private String alwaysFail;
        private boolean toleratesTimeouts;

        Platform(String campaignId) {
            this.campaignId = campaignId;
        }

        /** The first migration requested for {@code vmId} is reported failed. */
        Platform failingFirstAttemptOf(String vmId) {
            failFirstAttemptOf = vmId;
            return this;
        }

        /** Every migration requested for {@code vmId} is reported failed. */
        Platform alwaysFailing(String vmId) {
            alwaysFail = vmId;
            return this;
        }

        /** {@code request} is never reported: the platform lost it. */
        Platform ignoring(JsonNode request) {
            answered.add(request.get("migrationId").asText());
            return this;
        }

        /** A migration failed by its deadline meanwhile answers a late report with 409, which is then expected. */
        Platform toleratingTimeouts() {
            toleratesTimeouts = true;
            return this;
        }

        void fail(JsonNode request, String reason) throws Exception {
            answered.add(request.get("migrationId").asText());
            send(post(migrationPath(request) + "/fail"), "operator", JSON.writeValueAsString(Map.of("reason", reason)),
                    true);
        }

        void startAndComplete(JsonNode request) throws Exception {
            answered.add(request.get("migrationId").asText());
            if (send(post(migrationPath(request) + "/start"), "operator", null, !toleratesTimeouts)) {
                send(post(migrationPath(request) + "/complete"), "operator", null, !toleratesTimeouts);
            }
        }

        /** Reports {@code hostId} upgraded to the campaign's version. */
        void upgrade(String hostId) throws Exception {
            upgraded.add(hostId);
            send(post("/api/hosts/" + hostId + "/upgrade"), "platform-admin",
                    "{\"softwareVersion\": \"" + VERSION + "\"}", true);
        }

        /** Answers until the campaign completes; its report. */
        JsonNode runToCompletion() {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
                for (JsonNode request : requests(campaignId)) {
                    if (answered.contains(request.get("migrationId").asText())) {
                        continue;
                    }
                    String vmId = request.get("vmId").asText();
                    if (vmId.equals(alwaysFail) || vmId.equals(failFirstAttemptOf)) {
                        failFirstAttemptOf = null;
                        fail(request, "injected: libvirt error");
                    } else {
                        startAndComplete(request);
                    }
                }
                for (JsonNode evacuated : campaignEvents(campaignId, "CampaignHostEvacuated")) {
                    String hostId = evacuated.get("hostId").asText();
                    if (!upgraded.contains(hostId)) {
                        upgrade(hostId);
                    }
                }
                return !campaignEvents(campaignId, "UpgradeCampaignCompleted").isEmpty();
            });
            return campaignEvents(campaignId, "UpgradeCampaignCompleted").get(0).get("report");
        }

        private static String migrationPath(JsonNode request) {
            return "/api/vms/" + request.get("vmId").asText() + "/migrations/"
                    + request.get("migrationId").asText();
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static void createAndStart(String campaignId, String siteId, List<String> hostIds,
                                       List<String> temporaryHostIds, int maxAttempts, long timeoutSeconds)
            throws Exception {
        send(post("/api/campaigns"), "platform-admin", JSON.writeValueAsString(Map.of("id", campaignId,
                "name", "Upgrade " + siteId, "siteId", siteId, "hostIds", hostIds,
                "temporaryHostIds", temporaryHostIds, "targetVersion", VERSION, "maxAttempts", maxAttempts,
                "migrationTimeoutSeconds", timeoutSeconds)), true);
        send(post("/api/campaigns/" + campaignId + "/start"), "platform-admin", null, true);
    }

    /** The migrations the campaign requested so far, from the VMs' streams, in store order. */
    private static List<JsonNode> requests(String campaignId) {
        return payloads("dev.twinledger.api.migration.MigrationRequested").stream()
                .filter(request -> campaignId.equals(request.path("campaignId").asText()))
                .toList();
    }

    private static List<JsonNode> failedMigrations(String campaignId) {
        return payloads("dev.twinledger.api.migration.MigrationFailed").stream()
                .filter(failed -> campaignId.equals(failed.path("campaignId").asText()))
                .toList();
    }

    private static JsonNode byVm(List<JsonNode> requests, String vmId) {
        return requests.stream().filter(request -> request.get("vmId").asText().equals(vmId)).findFirst()
                .orElseThrow();
    }

    /** Where the VM went, one "from->to" per completed migration, in order. */
    private static List<String> moves(String vmId) {
        return payloads("dev.twinledger.api.migration.MigrationCompleted").stream()
                .filter(completed -> completed.get("vmId").asText().equals(vmId))
                .map(completed -> completed.get("sourceHostId").asText() + "->"
                        + completed.get("targetHostId").asText())
                .toList();
    }

    private static List<JsonNode> campaignEvents(String campaignId, String type) {
        return payloads("dev.twinledger.api.campaign." + type).stream()
                .filter(event -> campaignId.equals(event.get("campaignId").asText()))
                .toList();
    }

    /** The position of the migration event of {@code type} for {@code request}'s migration, once stored. */
    private static long awaitMigrationEvent(String type, JsonNode request) {
        String vmId = request.get("vmId").asText();
        String migrationId = request.get("migrationId").asText();
        return await().atMost(PATIENCE).until(() -> database.jdbc().queryForList(
                "SELECT global_index FROM domain_event_entry WHERE payload_type = ? AND aggregate_identifier = ?"
                        + " AND convert_from(payload, 'UTF8')::jsonb ->> 'migrationId' = ? ORDER BY global_index",
                Long.class, "dev.twinledger.api.migration." + type, vmId, migrationId), list -> !list.isEmpty())
                .get(0);
    }

    private static long awaitCampaignEvent(String campaignId, String type) {
        return await().atMost(PATIENCE).until(() -> database.jdbc().queryForList(
                "SELECT global_index FROM domain_event_entry WHERE payload_type = ? AND aggregate_identifier = ?"
                        + " ORDER BY global_index", Long.class, "dev.twinledger.api.campaign." + type, campaignId),
                list -> !list.isEmpty()).get(0);
    }

    /** Waits until the campaigns' process has handled the event at {@code position}. */
    private static void awaitProcessed(long position) {
        await().atMost(PATIENCE).until(() -> {
            String token = database.jdbc().queryForObject("SELECT convert_from(token, 'UTF8') FROM token_entry"
                    + " WHERE processor_name = ?", String.class, CampaignModule.PROCESSING_GROUP);
            return token != null && JSON.readTree(token).path("index").asLong(-1) >= position;
        });
    }

    /** The host's memory events in store order, each payload with its type added. */
    private static List<JsonNode> memoryEvents(String hostId) {
        List<JsonNode> events = new ArrayList<>();
        database.jdbc().query("SELECT payload_type, convert_from(payload, 'UTF8') AS payload FROM domain_event_entry"
                        + " WHERE aggregate_identifier = ? AND payload_type IN (?, ?) ORDER BY global_index",
                row -> {
                    JsonNode payload = read(row.getString("payload"));
                    ((ObjectNode) payload).put("type",
                            row.getString("payload_type"));
                    events.add(payload);
                }, hostId, "dev.twinledger.api.inventory.HostMemoryAllocated",
                "dev.twinledger.api.inventory.HostMemoryReleased");
        return events;
    }

    private static List<JsonNode> alerts(String type, String hostId) {
        return payloads("dev.twinledger.api.capacity." + type).stream()
                .filter(alert -> alert.get("hostId").asText().equals(hostId))
                .toList();
    }

    /** The host's allocations as the command side itself reads them, from the event store. */
    private static Map<String, Long> allocations(String hostId) {
        InventoryLookup inventory = service.bean(InventoryLookup.class);
        return DefaultUnitOfWork.startAndGet(null)
                .executeWithResult(() -> inventory.capacity(hostId).orElseThrow().allocations()).getPayload();
    }

    private static String hostState(String hostId) {
        InventoryLookup inventory = service.bean(InventoryLookup.class);
        return DefaultUnitOfWork.startAndGet(null)
                .executeWithResult(() -> inventory.capacity(hostId).orElseThrow().state().name()).getPayload();
    }

    /** The campaign's process ended, and with it every deadline it set. */
    private static void assertProcessEnded(String campaignId) {
        await().atMost(PATIENCE).until(() -> database.jdbc().queryForObject(
                "SELECT count(*) FROM association_value_entry WHERE association_key = 'campaignId'"
                        + " AND association_value = ?", Integer.class, campaignId) == 0);
        assertThat(database.jdbc().queryForObject("SELECT count(*) FROM saga_entry", Integer.class)).isZero();
        assertThat(database.jdbc().queryForObject("SELECT count(*) FROM scheduled_tasks", Integer.class)).isZero();
    }

    private static List<JsonNode> payloads(String payloadType) {
        return database.jdbc().queryForList("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry"
                        + " WHERE payload_type = ? ORDER BY global_index", String.class, payloadType).stream()
                .map(CampaignFullRunIT::read).toList();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends one request with a token of {@code role}; true when it was accepted. Unless {@code mustSucceed}, a 409
     * (the migration already ended) is taken as an answer too; anything else fails the test with the problem.
     */
    private static boolean send(MockHttpServletRequestBuilder request, String role, String body, boolean mustSucceed)
            throws Exception {
        MockHttpServletRequestBuilder withRole = request.with(withRealmRole(role));
        MvcResult result = service.mvc().perform(body == null ? withRole
                : withRole.contentType(MediaType.APPLICATION_JSON).content(body)).andReturn();
        int status = result.getResponse().getStatus();
        if (status / 100 == 2) {
            return true;
        }
        assertThat(!mustSucceed && status == 409)
                .as("%s answered %d: %s", result.getRequest().getRequestURI(), status,
                        result.getResponse().getContentAsString())
                .isTrue();
        return false;
    }
}
