package dev.twinledger.commandside.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twinledger.api.EventMetadata;
import dev.twinledger.commandside.support.RunningCommandSide;
import dev.twinledger.commandside.support.TestDatabase;
import dev.twinledger.commandside.support.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.twinledger.commandside.support.Tokens.withRealmRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The command API end to end: HTTP in, events with their metadata in PostgreSQL, envelopes on Kafka, and every
 * refusal answered without storing anything.
 */
class CommandApiIT {

    private static final String TOPIC = "it.api.events";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedKafkaKraftBroker kafka;
    private static TestDatabase database;
    private static RunningCommandSide service;

    @BeforeAll
    static void start() {
        kafka = new EmbeddedKafkaKraftBroker(1, 1);
        kafka.afterPropertiesSet();
        database = TestDatabase.create("api");
        service = RunningCommandSide.start(database, kafka.getBrokersAsString(), TOPIC);
        // Every VM, volume and container below belongs to this project; provisioning needs it registered.
        try {
            perform(post("/api/projects"), "platform-admin", """
                    {"id": "eproc", "name": "E-procurement"}""").andExpect(status().isCreated());
        } catch (Exception e) {
            throw new IllegalStateException("registering the test project failed", e);
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
    void aVmsLifeIsStoredWithItsMetadataAndPublishedInOrder() throws Exception {
        long site = position(perform(post("/api/sites"), "platform-admin", """
                {"id": "s-life", "name": "Site of life", "platform": "OPENSTACK"}""")
                .andExpect(status().isCreated()));
        long host = position(perform(post("/api/hosts"), "platform-admin", """
                {"id": "h-life", "siteId": "s-life", "name": "hv-life", "cpuCores": 32, "memoryMib": 262144}""")
                .andExpect(status().isCreated()));
        long provisioned = position(service.mvc().perform(post("/api/vms").with(withRealmRole("operator"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("X-Correlation-Id", "corr-life").header("X-Reason", "tender season")
                        .header("X-Ticket", "CHG-42")
                        .content("""
                                {"id": "vm-life", "name": "web-1", "siteId": "s-life", "hostId": "h-life",
                                 "project": "eproc", "environment": "PROD", "vcpus": 2, "memoryMib": 4096}"""))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value("vm-life")));
        long decommissioned = position(service.mvc().perform(post("/api/vms/vm-life/decommission")
                        .with(withRealmRole("operator")))
                .andExpect(status().isOk()));

        assertThat(List.of(site, host, provisioned, decommissioned)).isSorted().doesNotHaveDuplicates();

        // In the store: each answered position is the global index of the last event its command stored; a VM
        // command stores the VM's event and then the host's memory event.
        List<Long> vmEvents = database.jdbc().queryForList("SELECT global_index FROM domain_event_entry"
                + " WHERE aggregate_identifier = 'vm-life' ORDER BY sequence_number", Long.class);
        List<Long> hostEvents = database.jdbc().queryForList("SELECT global_index FROM domain_event_entry"
                + " WHERE aggregate_identifier = 'h-life' ORDER BY sequence_number", Long.class);
        assertThat(vmEvents).hasSize(2);
        assertThat(hostEvents).hasSize(3).startsWith(host);
        assertThat(provisioned).isEqualTo(hostEvents.get(1)).isGreaterThan(vmEvents.get(0));
        assertThat(decommissioned).isEqualTo(hostEvents.get(2)).isGreaterThan(vmEvents.get(1));
        assertThat(payloadTypesOf("h-life")).containsExactly("HostRegistered", "HostMemoryAllocated",
                "HostMemoryReleased");
        Map<String, Object> stored = database.jdbc().queryForMap("SELECT payload_type, type,"
                + " convert_from(payload, 'UTF8') AS payload, convert_from(meta_data, 'UTF8') AS meta_data"
                + " FROM domain_event_entry WHERE global_index = ?", vmEvents.get(0));
        assertThat(stored.get("payload_type")).isEqualTo("dev.twinledger.api.inventory.VmProvisioned");
        assertThat(stored.get("type")).isEqualTo("VirtualMachine");
        assertThat(JSON.readTree((String) stored.get("payload")).get("hostId").asText()).isEqualTo("h-life");
        JsonNode metadata = JSON.readTree((String) stored.get("meta_data"));
        assertThat(metadata.get(EventMetadata.ACTOR_SUBJECT).asText()).isEqualTo("subject-operator");
        assertThat(metadata.get(EventMetadata.ACTOR_USERNAME).asText()).isEqualTo("user-operator");
        assertThat(metadata.get(EventMetadata.HANDLING_SITE).asText()).isEqualTo(RunningCommandSide.SITE_ID);
        assertThat(metadata.get(EventMetadata.CORRELATION_ID).asText()).isEqualTo("corr-life");
        assertThat(metadata.get(EventMetadata.REASON).asText()).isEqualTo("tender season");
        assertThat(metadata.get(EventMetadata.TICKET).asText()).isEqualTo("CHG-42");
        assertThat(metadata.get(EventMetadata.CAUSATION_ID).asText()).isNotBlank();
        // The host's memory event carries the metadata of the VM command that moved the memory.
        JsonNode allocationMetadata = JSON.readTree(database.jdbc().queryForObject("SELECT convert_from(meta_data,"
                + " 'UTF8') FROM domain_event_entry WHERE global_index = ?", String.class, provisioned));
        assertThat(allocationMetadata.get(EventMetadata.CAUSATION_ID).asText())
                .isEqualTo(metadata.get(EventMetadata.CAUSATION_ID).asText());
        assertThat(allocationMetadata.get(EventMetadata.REASON).asText()).isEqualTo("tender season");
        JsonNode decommissionMetadata = JSON.readTree(database.jdbc().queryForObject("SELECT convert_from(meta_data,"
                + " 'UTF8') FROM domain_event_entry WHERE global_index = ?", String.class, decommissioned));
        assertThat(decommissionMetadata.has(EventMetadata.REASON)).isFalse();
        assertThat(decommissionMetadata.get(EventMetadata.CAUSATION_ID).asText())
                .isNotEqualTo(metadata.get(EventMetadata.CAUSATION_ID).asText());

        // On Kafka: one record per event, keyed by aggregate id, the envelope carrying the same global position.
        List<JsonNode> vmRecords = envelopes(recordsFor(List.of("s-life", "h-life", "vm-life"), 6), "vm-life");
        assertThat(vmRecords).extracting(r -> r.get("globalPosition").asLong()).containsExactlyElementsOf(vmEvents);
        assertThat(vmRecords).extracting(r -> r.get("type").asText()).containsExactly(
                "dev.twinledger.api.inventory.VmProvisioned", "dev.twinledger.api.inventory.VmDecommissioned");
        JsonNode first = vmRecords.get(0);
        assertThat(first.get("aggregateId").asText()).isEqualTo("vm-life");
        assertThat(first.get("sequence").asLong()).isZero();
        assertThat(first.get("payload").get("vmId").asText()).isEqualTo("vm-life");
        assertThat(first.get("metadata").get(EventMetadata.CORRELATION_ID).asText()).isEqualTo("corr-life");
        assertThat(first.get("metadata").get(EventMetadata.HANDLING_SITE).asText())
                .isEqualTo(RunningCommandSide.SITE_ID);
    }

    @Test
    void theServiceCreatesTheTopicWithSixPartitions() throws Exception {
        position(perform(post("/api/sites"), "platform-admin", """
                {"id": "s-topic", "name": "Topic site", "platform": "VMWARE"}""").andExpect(status().isCreated()));
        recordsFor(List.of("s-topic"), 1);

        assertThat(TopicReader.partitions(kafka.getBrokersAsString(), TOPIC)).isEqualTo(6);
    }

    @Test
    void aTakenIdIs409AndStoresNothing() throws Exception {
        perform(post("/api/sites"), "platform-admin", """
                {"id": "s-dup", "name": "First", "platform": "OPENSTACK"}""").andExpect(status().isCreated());

        expectProblem(perform(post("/api/sites"), "platform-admin", """
                {"id": "s-dup", "name": "Second", "platform": "VMWARE"}"""), 409);
        // Ids are unique across kinds of resources too.
        expectProblem(perform(post("/api/hosts"), "platform-admin", """
                {"id": "s-dup", "siteId": "s-dup", "name": "hv", "cpuCores": 8, "memoryMib": 1024}"""), 409);

        assertThat(eventsOf("s-dup")).isEqualTo(1);
    }

    @Test
    void concurrentRegistrationsOfOneIdStoreExactlyOneEvent() throws Exception {
        int callers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Callable<Integer>> calls = Collections.nCopies(callers, () -> {
                start.await();
                return perform(post("/api/sites"), "platform-admin", """
                        {"id": "s-race", "name": "Raced", "platform": "OPENSTACK"}""")
                        .andReturn().getResponse().getStatus();
            });
            List<Future<Integer>> futures = new ArrayList<>();
            calls.forEach(call -> futures.add(pool.submit(call)));
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> future : futures) {
                statuses.add(future.get());
            }

            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(eventsOf("s-race")).isEqualTo(1);
    }

    @Test
    void missingOrUnsuitablePlacementIs422AndStoresNothing() throws Exception {
        perform(post("/api/sites"), "platform-admin", """
                {"id": "s-a", "name": "A", "platform": "OPENSTACK"}""").andExpect(status().isCreated());
        perform(post("/api/sites"), "platform-admin", """
                {"id": "s-b", "name": "B", "platform": "VMWARE"}""").andExpect(status().isCreated());
        perform(post("/api/hosts"), "platform-admin", """
                {"id": "h-a", "siteId": "s-a", "name": "hv-a", "cpuCores": 8, "memoryMib": 1024}""")
                .andExpect(status().isCreated());

        expectProblem(perform(post("/api/hosts"), "platform-admin", """
                {"id": "h-orphan", "siteId": "s-none", "name": "hv", "cpuCores": 8, "memoryMib": 1024}"""), 422)
                .andExpect(jsonPath("$.detail").value("site 's-none' does not exist"));
        expectProblem(provisionVm("vm-unknown-host", "s-a", "h-none"), 422);
        expectProblem(provisionVm("vm-wrong-site", "s-b", "h-a"), 422)
                .andExpect(jsonPath("$.detail").value("host 'h-a' stands in site 's-a', not in 's-b'"));
        expectProblem(provisionVm("vm-unknown-site", "s-none", "h-a"), 422);
        expectProblem(perform(post("/api/vms"), "operator", """
                {"id": "vm-no-project", "name": "vm", "siteId": "s-a", "hostId": "h-a", "project": "ghost",
                 "environment": "TEST", "vcpus": 1, "memoryMib": 512}"""), 422)
                .andExpect(jsonPath("$.detail").value("project 'ghost' is not registered"));
        // A site's id is not a host.
        expectProblem(provisionVm("vm-site-as-host", "s-a", "s-a"), 422);

        for (String id : List.of("h-orphan", "vm-unknown-host", "vm-wrong-site", "vm-unknown-site",
                "vm-site-as-host", "vm-no-project")) {
            assertThat(eventsOf(id)).as("events of %s", id).isZero();
        }
    }

    /**
     * A busy host is snapshotted, and a host loaded from its snapshot keeps deciding right: the memory it reports
     * full after the snapshot is the memory its events add up to.
     */
    @Test
    void aBusyHostIsSnapshottedAndKeepsItsMemoryAccountFromTheSnapshot() throws Exception {
        perform(post("/api/sites"), "platform-admin", """
                {"id": "s-snap", "name": "Snap", "platform": "OPENSTACK"}""").andExpect(status().isCreated());
        perform(post("/api/hosts"), "platform-admin", """
                {"id": "h-snap", "siteId": "s-snap", "name": "hv", "cpuCores": 8, "memoryMib": 70000}""")
                .andExpect(status().isCreated());
        for (int i = 0; i < 60; i++) {
            provisionVm("vm-snap-" + i, "s-snap", "h-snap", 1000).andExpect(status().isCreated());
        }

        assertThat(database.jdbc().queryForObject("SELECT count(*) FROM snapshot_event_entry"
                + " WHERE aggregate_identifier = 'h-snap'", Long.class)).as("snapshots of h-snap").isPositive();
        // 60 x 1000 MiB allocated of 70,000: 10,000 MiB free, so 10,001 no longer fits and 10,000 does.
        expectProblem(provisionVm("vm-snap-big", "s-snap", "h-snap", 10_001), 422);
        provisionVm("vm-snap-fits", "s-snap", "h-snap", 10_000).andExpect(status().isCreated());
    }

    @Test
    void decommissioningAnUnknownVmIs404AndTwiceIs409() throws Exception {
        perform(post("/api/sites"), "platform-admin", """
                {"id": "s-dec", "name": "Dec", "platform": "OPENSTACK"}""").andExpect(status().isCreated());
        perform(post("/api/hosts"), "platform-admin", """
                {"id": "h-dec", "siteId": "s-dec", "name": "hv", "cpuCores": 8, "memoryMib": 1024}""")
                .andExpect(status().isCreated());
        provisionVm("vm-dec", "s-dec", "h-dec").andExpect(status().isCreated());

        expectProblem(service.mvc().perform(post("/api/vms/vm-never/decommission")
                .with(withRealmRole("operator"))), 404);
        expectProblem(service.mvc().perform(post("/api/vms/h-dec/decommission")
                .with(withRealmRole("operator"))), 404);
        service.mvc().perform(post("/api/vms/vm-dec/decommission").with(withRealmRole("operator")))
                .andExpect(status().isOk());
        expectProblem(service.mvc().perform(post("/api/vms/vm-dec/decommission")
                .with(withRealmRole("operator"))), 409);

        assertThat(eventsOf("vm-dec")).isEqualTo(2);
        assertThat(payloadTypesOf("h-dec")).as("refusals stored nothing on the host")
                .containsExactly("HostRegistered", "HostMemoryAllocated", "HostMemoryReleased");
    }

    @Test
    void alertsAreRaisedAndClearedOnTheHostsStreamAsMemoryMoves() throws Exception {
        perform(post("/api/sites"), "platform-admin", """
                {"id": "s-cap", "name": "Capacity", "platform": "OPENSTACK"}""").andExpect(status().isCreated());
        // (6144 - 1024) * 2.0 = 10240 MiB for VMs: five VMs of 2048 MiB fill it.
        perform(post("/api/hosts"), "platform-admin", """
                {"id": "h-cap", "siteId": "s-cap", "name": "hv-cap", "cpuCores": 16, "memoryMib": 6144,
                 "reservedMemoryMib": 1024, "overcommitRatio": 2.0}""").andExpect(status().isCreated());

        long lastPosition = 0;
        for (int i = 1; i <= 5; i++) {
            lastPosition = position(provisionVm("vm-cap-" + i, "s-cap", "h-cap", 2048)
                    .andExpect(status().isCreated()));
        }
        expectProblem(provisionVm("vm-cap-6", "s-cap", "h-cap", 2048), 422)
                .andExpect(jsonPath("$.detail").value("host 'h-cap' has 0 MiB free of 10240 MiB; VM 'vm-cap-6' needs"
                        + " 2048 MiB"));
        assertThat(eventsOf("vm-cap-6")).isZero();
        assertThat(lastPosition).as("the answer covers the alert events the provisioning stored")
                .isEqualTo(lastPositionOf("h-cap"));
        position(service.mvc().perform(post("/api/vms/vm-cap-5/decommission").with(withRealmRole("operator")))
                .andExpect(status().isOk()));
        position(service.mvc().perform(post("/api/vms/vm-cap-4/decommission").with(withRealmRole("operator")))
                .andExpect(status().isOk()));

        assertThat(payloadTypesOf("h-cap")).containsExactly("HostRegistered",
                "HostMemoryAllocated", "HostMemoryAllocated", "HostMemoryAllocated",
                "HostMemoryAllocated", "CapacityAlertRaised",
                "HostMemoryAllocated", "CapacityAlertCleared", "CapacityAlertRaised",
                "HostMemoryReleased", "CapacityAlertCleared", "CapacityAlertRaised",
                "HostMemoryReleased", "CapacityAlertCleared");
        List<JsonNode> alerts = payloadsOf("h-cap").stream()
                .filter(p -> p.has("alertId")).toList();
        assertThat(alerts).extracting(a -> a.get("alertId").asText() + " " + a.get("severity").asText() + " "
                        + a.get("allocatedMib").asLong() + " " + a.get("utilizationPercent").asDouble())
                .containsExactly("h-cap:1 WARNING 8192 80.0", "h-cap:1 WARNING 10240 100.0",
                        "h-cap:2 CRITICAL 10240 100.0", "h-cap:2 CRITICAL 8192 80.0", "h-cap:3 WARNING 8192 80.0",
                        "h-cap:3 WARNING 6144 60.0");
        assertThat(allocationsOf("h-cap")).containsOnlyKeys("vm-cap-1", "vm-cap-2", "vm-cap-3");
    }

    @Test
    void aMigrationMovesTheVmAndItsMemoryAndAFailedOneGivesTheTargetBack() throws Exception {
        perform(post("/api/sites"), "platform-admin", """
                {"id": "s-mig", "name": "Migrations", "platform": "OPENSTACK"}""").andExpect(status().isCreated());
        for (String host : List.of("h-mig-1", "h-mig-2")) {
            perform(post("/api/hosts"), "platform-admin", """
                    {"id": "%s", "siteId": "s-mig", "name": "hv", "cpuCores": 16, "memoryMib": 16384}"""
                    .formatted(host)).andExpect(status().isCreated());
        }
        provisionVm("vm-mig", "s-mig", "h-mig-1", 4096).andExpect(status().isCreated());

        long requested = position(perform(post("/api/vms/vm-mig/migrations"), "operator", """
                {"targetHostId": "h-mig-2", "migrationId": "mig-1"}""")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value("mig-1")));
        assertThat(requested).isEqualTo(lastPositionOf("h-mig-2"));
        assertThat(allocationsOf("h-mig-1")).containsExactly(Map.entry("vm-mig", 4096L));
        assertThat(allocationsOf("h-mig-2")).as("allocated on the target at once")
                .containsExactly(Map.entry("vm-mig", 4096L));
        expectProblem(perform(post("/api/vms/vm-mig/migrations/mig-1/complete"), "operator", "{}"), 409)
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("is REQUESTED")));
        service.mvc().perform(post("/api/vms/vm-mig/migrations/mig-1/start").with(withRealmRole("operator")))
                .andExpect(status().isOk());
        long completed = position(service.mvc().perform(post("/api/vms/vm-mig/migrations/mig-1/complete")
                        .with(withRealmRole("operator")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value("mig-1")));

        assertThat(completed).isEqualTo(lastPositionOf("h-mig-1"));
        assertThat(allocationsOf("h-mig-1")).isEmpty();
        assertThat(allocationsOf("h-mig-2")).containsExactly(Map.entry("vm-mig", 4096L));
        JsonNode done = payloadsOf("vm-mig").get(3);
        assertThat(done.get("kind").asText()).isEqualTo("HOST_TO_HOST");
        assertThat(done.get("targetHostId").asText()).isEqualTo("h-mig-2");

        // Back to the first host, but the platform reports a failure: the VM stays, the target gets its memory back.
        perform(post("/api/vms/vm-mig/migrations"), "operator", """
                {"targetHostId": "h-mig-1", "migrationId": "mig-2"}""").andExpect(status().isCreated());
        assertThat(allocationsOf("h-mig-1")).containsExactly(Map.entry("vm-mig", 4096L));
        expectProblem(perform(post("/api/vms/vm-mig/migrations"), "operator", """
                {"targetHostId": "h-mig-1", "migrationId": "mig-3"}"""), 409);
        perform(post("/api/vms/vm-mig/migrations/mig-2/fail"), "operator", """
                {"reason": "target lost its storage network"}""").andExpect(status().isOk());

        assertThat(allocationsOf("h-mig-1")).isEmpty();
        assertThat(allocationsOf("h-mig-2")).containsExactly(Map.entry("vm-mig", 4096L));
        assertThat(payloadTypesOf("vm-mig")).containsExactly("VmProvisioned", "MigrationRequested",
                "MigrationStarted", "MigrationCompleted", "MigrationRequested", "MigrationFailed");
        expectProblem(perform(post("/api/vms/vm-mig/migrations"), "operator", """
                {"targetHostId": "h-mig-1", "migrationId": "mig-2"}"""), 409);
        expectProblem(service.mvc().perform(post("/api/vms/vm-mig/migrations/mig-9/start")
                .with(withRealmRole("operator"))), 404);

        // A target in maintenance takes no migration; the refusal stores nothing anywhere.
        service.mvc().perform(post("/api/hosts/h-mig-1/maintenance/start").with(withRealmRole("platform-admin")))
                .andExpect(status().isOk());
        int stored = totalEvents();
        expectProblem(perform(post("/api/vms/vm-mig/migrations"), "operator", """
                {"targetHostId": "h-mig-1", "migrationId": "mig-4"}"""), 422)
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("maintenance")));
        assertThat(totalEvents()).isEqualTo(stored);
    }

    @Test
    void aHostIsEvacuatedUpgradedAndDecommissionedOnlyWhenEmpty() throws Exception {
        perform(post("/api/sites"), "platform-admin", """
                {"id": "s-up", "name": "Upgrade", "platform": "VMWARE"}""").andExpect(status().isCreated());
        perform(post("/api/hosts"), "platform-admin", """
                {"id": "h-up", "siteId": "s-up", "name": "hv", "cpuCores": 16, "memoryMib": 16384}""")
                .andExpect(status().isCreated());
        provisionVm("vm-up", "s-up", "h-up", 1024).andExpect(status().isCreated());
        service.mvc().perform(post("/api/hosts/h-up/maintenance/start").with(withRealmRole("platform-admin")))
                .andExpect(status().isOk());

        expectProblem(provisionVm("vm-up-2", "s-up", "h-up", 1024), 422);
        expectProblem(perform(post("/api/hosts/h-up/upgrade"), "platform-admin", """
                {"softwareVersion": "8.0u3"}"""), 409)
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("vm-up")));
        expectProblem(service.mvc().perform(post("/api/hosts/h-up/decommission")
                .with(withRealmRole("platform-admin"))), 409);
        service.mvc().perform(post("/api/vms/vm-up/decommission").with(withRealmRole("operator")))
                .andExpect(status().isOk());
        perform(post("/api/hosts/h-up/upgrade"), "platform-admin", """
                {"softwareVersion": "8.0u3"}""").andExpect(status().isOk());

        // Asking for what already holds stores nothing and answers the host's newest position.
        int stored = totalEvents();
        long unchanged = position(perform(post("/api/hosts/h-up/temporary"), "platform-admin", """
                {"temporary": false}""").andExpect(status().isOk()));
        assertThat(totalEvents()).isEqualTo(stored);
        assertThat(unchanged).isEqualTo(lastPositionOf("h-up"));

        service.mvc().perform(post("/api/hosts/h-up/decommission").with(withRealmRole("platform-admin")))
                .andExpect(status().isOk());
        expectProblem(service.mvc().perform(post("/api/hosts/h-up/maintenance/end")
                .with(withRealmRole("platform-admin"))), 409);
        expectProblem(service.mvc().perform(post("/api/hosts/h-none/maintenance/end")
                .with(withRealmRole("platform-admin"))), 404);
        assertThat(payloadTypesOf("h-up")).containsExactly("HostRegistered", "HostMemoryAllocated",
                "HostMaintenanceStarted", "HostMemoryReleased", "HostUpgraded", "HostDecommissioned");
    }

    @Test
    void aVolumeIsAttachedDetachedAndDeletedWithBothSidesRecordedTogether() throws Exception {
        registerSiteAndHost("s-vol", "h-vol");
        registerSiteAndHost("s-vol-b", "h-vol-b");
        provisionVm("vm-vol", "s-vol", "h-vol").andExpect(status().isCreated());
        provisionVm("vm-vol-b", "s-vol-b", "h-vol-b").andExpect(status().isCreated());
        expectProblem(createVolume("vol-ghost", "s-vol", "ghost"), 422)
                .andExpect(jsonPath("$.detail").value("project 'ghost' is not registered"));
        createVolume("vol-1", "s-vol", "eproc").andExpect(status().isCreated());

        // A VM at another site, or no VM at all: refused, and neither side stores anything.
        expectProblem(volumeCommand("vol-1", "attach", "{\"vmId\": \"vm-vol-b\"}"), 422)
                .andExpect(jsonPath("$.detail").value(
                        "VM 'vm-vol-b' runs at site 's-vol-b', volume 'vol-1' is at site 's-vol'"));
        expectProblem(volumeCommand("vol-1", "attach", "{\"vmId\": \"vm-none\"}"), 422);
        assertThat(eventsOf("vol-1")).isEqualTo(1);
        assertThat(eventsOf("vm-vol-b")).isEqualTo(1);

        long attached = position(volumeCommand("vol-1", "attach", "{\"vmId\": \"vm-vol\"}")
                .andExpect(status().isOk()));
        assertThat(payloadTypes("vm-vol")).containsExactly("VmProvisioned", "VmVolumeAttached");
        assertThat(payloadTypes("vol-1")).containsExactly("VolumeCreated", "VolumeAttached");
        // One transaction, the VM's event first: the answered position covers both.
        long vmAttached = lastPosition("vm-vol");
        assertThat(attached).isEqualTo(lastPosition("vol-1")).isGreaterThan(vmAttached);

        expectProblem(service.mvc().perform(post("/api/vms/vm-vol/decommission").with(withRealmRole("operator"))),
                409).andExpect(jsonPath("$.detail").value(
                        "VM 'vm-vol' still has volumes attached: vol-1; detach them first"));
        expectProblem(volumeCommand("vol-1", "attach", "{\"vmId\": \"vm-vol\"}"), 409);
        expectProblem(volumeCommand("vol-1", "delete", null), 409);
        assertThat(eventsOf("vol-1")).isEqualTo(2);
        assertThat(eventsOf("vm-vol")).isEqualTo(2);

        volumeCommand("vol-1", "detach", null).andExpect(status().isOk());
        assertThat(payloadTypes("vm-vol")).endsWith("VmVolumeDetached");
        assertThat(payloadTypes("vol-1")).endsWith("VolumeDetached");
        expectProblem(volumeCommand("vol-1", "detach", null), 409);
        volumeCommand("vol-1", "delete", null).andExpect(status().isOk());
        expectProblem(volumeCommand("vol-1", "attach", "{\"vmId\": \"vm-vol\"}"), 409)
                .andExpect(jsonPath("$.detail").value("volume 'vol-1' is deleted and accepts no further changes"));
        expectProblem(volumeCommand("vol-none", "detach", null), 404);
        service.mvc().perform(post("/api/vms/vm-vol/decommission").with(withRealmRole("operator")))
                .andExpect(status().isOk());

        assertThat(payloadTypes("vol-1")).containsExactly("VolumeCreated", "VolumeAttached", "VolumeDetached",
                "VolumeDeleted");
        assertThat(database.jdbc().queryForObject("SELECT DISTINCT type FROM domain_event_entry"
                + " WHERE aggregate_identifier = 'vol-1'", String.class)).isEqualTo("Volume");
        assertThat(eventsOf("vol-ghost")).isZero();
    }

    @Test
    void aContainersReplicaPolicyAndStatusReportsAreRecorded() throws Exception {
        for (String site : List.of("s-c1", "s-c2", "s-c3")) {
            perform(post("/api/sites"), "platform-admin", """
                    {"id": "%s", "name": "Storage site", "platform": "OPENSTACK"}""".formatted(site))
                    .andExpect(status().isCreated());
        }
        expectProblem(createContainer("ctr-bad", "[\"s-c1\", \"s-c8\", \"s-c9\"]"), 422)
                .andExpect(jsonPath("$.detail").value("sites 's-c8', 's-c9' do not exist"));
        createContainer("ctr-1", "[\"s-c1\", \"s-c2\"]").andExpect(status().isCreated());

        long reported = position(reportStatus("ctr-1", "s-c2", """
                {"status": "LAGGING", "detail": "1240 objects behind"}""").andExpect(status().isOk()));
        JsonNode report = storedPayload(reported);
        assertThat(report.get("status").asText()).isEqualTo("LAGGING");
        assertThat(report.get("previousStatus").asText()).isEqualTo("UNKNOWN");
        assertThat(report.get("detail").asText()).isEqualTo("1240 objects behind");
        // The same report again is accepted and stores nothing; the answer is still a valid position.
        assertThat(position(reportStatus("ctr-1", "s-c2", """
                {"status": "LAGGING", "detail": "1240 objects behind"}""").andExpect(status().isOk())))
                .isEqualTo(reported);
        expectProblem(reportStatus("ctr-1", "s-c3", "{\"status\": \"IN_SYNC\"}"), 422)
                .andExpect(jsonPath("$.detail").value(
                        "site 's-c3' is not in the replica policy of container 'ctr-1' (s-c1, s-c2)"));
        expectProblem(reportStatus("ctr-1", "s-c1", "{\"status\": \"UNKNOWN\"}"), 422);

        long changed = position(changePolicy("ctr-1", "[\"s-c1\", \"s-c3\"]").andExpect(status().isOk()));
        JsonNode policy = storedPayload(changed);
        assertThat(policy.get("replicaSiteIds")).extracting(JsonNode::asText).containsExactlyInAnyOrder("s-c1", "s-c3");
        assertThat(policy.get("previousReplicaSiteIds")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("s-c1", "s-c2");
        assertThat(position(changePolicy("ctr-1", "[\"s-c3\", \"s-c1\"]").andExpect(status().isOk())))
                .as("the same policy again stores nothing").isEqualTo(changed);
        expectProblem(changePolicy("ctr-1", "[\"s-c1\", \"s-c7\"]"), 422)
                .andExpect(jsonPath("$.detail").value("site 's-c7' does not exist"));
        expectProblem(reportStatus("ctr-1", "s-c2", "{\"status\": \"IN_SYNC\"}"), 422);
        JsonNode joined = storedPayload(position(reportStatus("ctr-1", "s-c3", "{\"status\": \"MISSING\"}")
                .andExpect(status().isOk())));
        assertThat(joined.get("previousStatus").asText()).isEqualTo("UNKNOWN");
        expectProblem(changePolicy("ctr-none", "[\"s-c1\"]"), 404);

        assertThat(payloadTypes("ctr-1")).containsExactly("ContainerCreated", "ReplicaStatusReported",
                "ReplicaPolicyChanged", "ReplicaStatusReported");
        assertThat(database.jdbc().queryForObject("SELECT DISTINCT type FROM domain_event_entry"
                + " WHERE aggregate_identifier = 'ctr-1'", String.class)).isEqualTo("ObjectContainer");
        assertThat(eventsOf("ctr-bad")).isZero();
    }

    @Test
    void aProjectIsRegisteredOnceUnderItsOwnType() throws Exception {
        long registered = position(perform(post("/api/projects"), "platform-admin", """
                {"id": "p-once", "name": "Once", "description": "Registered once"}""")
                .andExpect(status().isCreated()));
        expectProblem(perform(post("/api/projects"), "platform-admin", """
                {"id": "p-once", "name": "Twice"}"""), 409);
        expectProblem(perform(post("/api/projects"), "operator", """
                {"id": "p-op", "name": "Operator's"}"""), 403);

        Map<String, Object> stored = database.jdbc().queryForMap("SELECT type, payload_type FROM domain_event_entry"
                + " WHERE global_index = ?", registered);
        assertThat(stored).containsEntry("type", "Project")
                .containsEntry("payload_type", "dev.twinledger.api.inventory.ProjectRegistered");
        assertThat(eventsOf("p-once")).isEqualTo(1);
        assertThat(eventsOf("p-op")).isZero();
    }

    @Test
    void withoutATokenTheRealHttpStackAnswers401() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(service.api("/api/vms"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void healthShowsKafkaAndPublishingLagButReadinessOnlyNeedsTheStore() throws Exception {
        perform(post("/api/sites"), "platform-admin", """
                {"id": "s-health", "name": "Health", "platform": "OPENSTACK"}""").andExpect(status().isCreated());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode health = JSON.readTree(get(service.management("/actuator/health")).body());
            assertThat(health.at("/components/kafka/status").asText()).isEqualTo("UP");
            assertThat(health.at("/components/publishing/status").asText()).isEqualTo("UP");
            assertThat(health.at("/components/publishing/details/lag").asLong()).isZero();
            assertThat(health.at("/components/publishing/details/headPosition").asLong()).isPositive();
        });
        HttpResponse<String> readiness = get(service.management("/actuator/health/readiness"));
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(readiness.body()).get("components").fieldNames())
                .toIterable().containsExactlyInAnyOrder("db", "readinessState");
        assertThat(get(service.management("/actuator/prometheus")).body()).contains("http_server_requests");
    }

    @Test
    void theOpenApiDocumentAsksForABearerJwt() throws Exception {
        HttpResponse<String> response = get(service.api("/v3/api-docs"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode document = JSON.readTree(response.body());
        assertThat(document.at("/components/securitySchemes/bearer-jwt/scheme").asText()).isEqualTo("bearer");
        assertThat(document.at("/paths/~1api~1vms/post")).isNotNull();
        for (String operation : List.of("/paths/~1api~1projects/post", "/paths/~1api~1volumes~1{id}~1attach/post",
                "/paths/~1api~1containers~1{id}~1replica-policy/put",
                "/paths/~1api~1containers~1{id}~1replicas~1{siteId}~1status/post")) {
            assertThat(document.at(operation).isMissingNode()).as(operation).isFalse();
        }
        assertThat(get(service.api("/swagger-ui.html")).statusCode()).isIn(200, 302);
    }

    private static ResultActions perform(MockHttpServletRequestBuilder request, String role, String body)
            throws Exception {
        return service.mvc().perform(request.with(withRealmRole(role))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private static ResultActions provisionVm(String vmId, String siteId, String hostId) throws Exception {
        return provisionVm(vmId, siteId, hostId, 512);
    }

    private static ResultActions provisionVm(String vmId, String siteId, String hostId, long memoryMib)
            throws Exception {
        return perform(post("/api/vms"), "operator", """
                {"id": "%s", "name": "vm", "siteId": "%s", "hostId": "%s", "project": "eproc",
                 "environment": "TEST", "vcpus": 1, "memoryMib": %d}""".formatted(vmId, siteId, hostId, memoryMib));
    }

    private static void registerSiteAndHost(String siteId, String hostId) throws Exception {
        perform(post("/api/sites"), "platform-admin", """
                {"id": "%s", "name": "Site", "platform": "OPENSTACK"}""".formatted(siteId))
                .andExpect(status().isCreated());
        perform(post("/api/hosts"), "platform-admin", """
                {"id": "%s", "siteId": "%s", "name": "hv", "cpuCores": 8, "memoryMib": 16384}"""
                .formatted(hostId, siteId)).andExpect(status().isCreated());
    }

    private static ResultActions createVolume(String volumeId, String siteId, String project) throws Exception {
        return perform(post("/api/volumes"), "operator", """
                {"id": "%s", "name": "data", "siteId": "%s", "project": "%s", "sizeGib": 100}"""
                .formatted(volumeId, siteId, project));
    }

    /** {@code POST /api/volumes/{id}/{action}}, with a JSON body or none. */
    private static ResultActions volumeCommand(String volumeId, String action, String body) throws Exception {
        MockHttpServletRequestBuilder request = post("/api/volumes/" + volumeId + "/" + action)
                .with(withRealmRole("operator"));
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return service.mvc().perform(request);
    }

    private static ResultActions createContainer(String containerId, String sitesJson) throws Exception {
        return perform(post("/api/containers"), "operator", """
                {"id": "%s", "name": "tender-docs", "project": "eproc", "replicaSiteIds": %s}"""
                .formatted(containerId, sitesJson));
    }

    private static ResultActions changePolicy(String containerId, String sitesJson) throws Exception {
        return perform(put("/api/containers/" + containerId + "/replica-policy"), "operator",
                "{\"replicaSiteIds\": " + sitesJson + "}");
    }

    /** As the storage monitoring reports. */
    private static ResultActions reportStatus(String containerId, String siteId, String body) throws Exception {
        return perform(post("/api/containers/" + containerId + "/replicas/" + siteId + "/status"), "operator", body);
    }

    /** The simple class names of an aggregate's event payloads, in stream order. */
    private static List<String> payloadTypes(String aggregateId) {
        return database.jdbc().queryForList("SELECT payload_type FROM domain_event_entry"
                        + " WHERE aggregate_identifier = ? ORDER BY sequence_number", String.class, aggregateId)
                .stream().map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    private static long lastPosition(String aggregateId) {
        return database.jdbc().queryForObject("SELECT max(global_index) FROM domain_event_entry"
                + " WHERE aggregate_identifier = ?", Long.class, aggregateId);
    }

    private static JsonNode storedPayload(long position) throws Exception {
        return JSON.readTree(database.jdbc().queryForObject("SELECT convert_from(payload, 'UTF8')"
                + " FROM domain_event_entry WHERE global_index = ?", String.class, position));
    }

    private static ResultActions expectProblem(ResultActions result, int status) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    private static long position(ResultActions result) throws Exception {
        return JSON.readTree(result.andReturn().getResponse().getContentAsString()).get("position").asLong();
    }

    /** The simple class names of an aggregate's stored events, in stream order. */
    private static List<String> payloadTypesOf(String aggregateId) {
        return database.jdbc().queryForList("SELECT payload_type FROM domain_event_entry"
                        + " WHERE aggregate_identifier = ? ORDER BY sequence_number", String.class, aggregateId)
                .stream().map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    private static List<JsonNode> payloadsOf(String aggregateId) throws Exception {
        List<JsonNode> payloads = new ArrayList<>();
        for (String payload : database.jdbc().queryForList("SELECT convert_from(payload, 'UTF8')"
                + " FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number", String.class,
                aggregateId)) {
            payloads.add(JSON.readTree(payload));
        }
        return payloads;
    }

    /** What a host holds by VM, added up from its stored memory events the way a reader would. */
    private static Map<String, Long> allocationsOf(String hostId) throws Exception {
        Map<String, Long> allocations = new java.util.TreeMap<>();
        List<String> types = payloadTypesOf(hostId);
        List<JsonNode> payloads = payloadsOf(hostId);
        for (int i = 0; i < types.size(); i++) {
            JsonNode event = payloads.get(i);
            long memory = event.path("memoryMib").asLong();
            switch (types.get(i)) {
                case "HostMemoryAllocated" -> allocations.merge(event.get("vmId").asText(), memory, Long::sum);
                case "HostMemoryReleased" -> allocations.computeIfPresent(event.get("vmId").asText(),
                        (vm, held) -> held - memory == 0 ? null : held - memory);
                default -> {
                }
            }
        }
        return allocations;
    }

    private static long lastPositionOf(String aggregateId) {
        return database.jdbc().queryForObject("SELECT max(global_index) FROM domain_event_entry"
                + " WHERE aggregate_identifier = ?", Long.class, aggregateId);
    }

    private static int totalEvents() {
        return database.jdbc().queryForObject("SELECT count(*) FROM domain_event_entry", Integer.class);
    }

    private static int eventsOf(String aggregateId) {
        return database.jdbc().queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Integer.class, aggregateId);
    }

    private static List<ConsumerRecord<String, byte[]>> recordsFor(List<String> keys, int expected) {
        List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(kafka.getBrokersAsString(), TOPIC,
                read -> read.stream().filter(r -> keys.contains(r.key())).count() >= expected,
                Duration.ofSeconds(30));
        List<ConsumerRecord<String, byte[]>> ours = records.stream().filter(r -> keys.contains(r.key())).toList();
        assertThat(ours).hasSize(expected);
        return ours;
    }

    private static List<JsonNode> envelopes(List<ConsumerRecord<String, byte[]>> records, String key)
            throws Exception {
        List<JsonNode> envelopes = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.key().equals(key)) {
                envelopes.add(JSON.readTree(record.value()));
            }
        }
        return envelopes;
    }

    private static HttpResponse<String> get(java.net.URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
