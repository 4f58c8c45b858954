package dev.twinledger.queryside;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.twinledger.api.EventMetadata;
import dev.twinledger.api.access.AccessDenied;
import dev.twinledger.api.access.AccessDirectory;
import dev.twinledger.api.access.AccessScope;
import dev.twinledger.api.access.GrantRequested;
import dev.twinledger.api.access.GrantRevoked;
import dev.twinledger.api.access.PrincipalRef;
import dev.twinledger.api.access.RoleDefined;
import dev.twinledger.api.campaign.CampaignPhase;
import dev.twinledger.api.campaign.CampaignProgress;
import dev.twinledger.api.campaign.CampaignState;
import dev.twinledger.api.campaign.UpgradeCampaignCreated;
import dev.twinledger.api.campaign.UpgradeCampaignStarted;
import dev.twinledger.api.capacity.AlertSeverity;
import dev.twinledger.api.capacity.CapacityAlertCleared;
import dev.twinledger.api.capacity.CapacityAlertRaised;
import dev.twinledger.api.inventory.Environment;
import dev.twinledger.api.inventory.HostMemoryAllocated;
import dev.twinledger.api.inventory.HostMemoryReleased;
import dev.twinledger.api.inventory.HostRegistered;
import dev.twinledger.api.inventory.Platform;
import dev.twinledger.api.inventory.ProjectRegistered;
import dev.twinledger.api.inventory.SiteRegistered;
import dev.twinledger.api.inventory.VmDecommissioned;
import dev.twinledger.api.inventory.VmProvisioned;
import dev.twinledger.api.inventory.VmRetagged;
import dev.twinledger.api.inventory.VmVolumeAttached;
import dev.twinledger.api.inventory.VolumeAttached;
import dev.twinledger.api.inventory.VolumeCreated;
import dev.twinledger.api.migration.MigrationCompleted;
import dev.twinledger.api.migration.MigrationKind;
import dev.twinledger.api.migration.MigrationRequested;
import dev.twinledger.api.migration.MigrationStarted;
import dev.twinledger.api.storage.ContainerCreated;
import dev.twinledger.api.storage.ReplicaStatus;
import dev.twinledger.api.storage.ReplicaStatusReported;
import dev.twinledger.projections.testing.TestDatabase;
import dev.twinledger.queryside.testing.TestIssuer;
import dev.twinledger.transport.EnvelopeKafkaMessageConverter;
import dev.twinledger.transport.EventEnvelope;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole query side against the real local PostgreSQL and an embedded KRaft Kafka broker, fed with envelope
 * records produced exactly as the command side's publisher writes them (converter's bytes, key = aggregate id),
 * checked over HTTP with signed tokens.
 *
 * <p>One application context serves the tests in order; each test uses its own ids and project names, so filters
 * keep them apart. The last test restarts the application on the same database.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuerySideIT {

    private static final String TOPIC = "twinledger.events";
    private static final int PARTITIONS = 3;

    private static final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final EnvelopeKafkaMessageConverter converter = new EnvelopeKafkaMessageConverter();
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicLong positions = new AtomicLong();
    private static final Map<String, Long> sequences = new HashMap<>();

    private static EmbeddedKafkaKraftBroker kafka;
    private static TestDatabase database;
    private static JdbcTemplate jdbc;
    private static TestIssuer issuer;
    private static KafkaProducer<String, byte[]> producer;
    private static ConfigurableApplicationContext app;
    private static String viewerToken;

    @BeforeAll
    static void startEverything() throws Exception {
        kafka = new EmbeddedKafkaKraftBroker(1, PARTITIONS, TOPIC);
        kafka.afterPropertiesSet();
        database = TestDatabase.create(QuerySideIT.class);
        jdbc = new JdbcTemplate(database.dataSource());
        issuer = TestIssuer.start();
        viewerToken = issuer.token("viewer");
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new ByteArraySerializer());
        app = startApplication();
    }

    @AfterAll
    static void stopEverything() {
        if (app != null) {
            app.close();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (issuer != null) {
            issuer.close();
        }
        if (database != null) {
            database.close();
        }
        if (kafka != null) {
            kafka.destroy();
        }
    }

    /** Command-line arguments, as others launch the jar: they override application.yml (default properties don't). */
    private static ConfigurableApplicationContext startApplication() {
        return new SpringApplicationBuilder(QuerySideApplication.class).run(
                "--server.port=0",
                "--management.server.port=0",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.user(),
                "--twinledger.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
                "--twinledger.kafka.topic=" + TOPIC,
                "--twinledger.security.issuer-uri=" + issuer.issuerUri(),
                "--twinledger.query.min-position-timeout=5s",
                "--twinledger.site-id=dc-it");
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void sitesHostsAndVmsAppearWithFiltersAndPaging() throws Exception {
        Instant registered = now();
        publish("Site", "it-dc1", new SiteRegistered("it-dc1", "Primary", Platform.OPENSTACK), registered);
        publish("Site", "it-dc2", new SiteRegistered("it-dc2", "Secondary", Platform.VMWARE), registered);
        publish("Host", "it-dc1-h1", new HostRegistered("it-dc1-h1", "it-dc1", "hv-01", 64, 524_288, 0, 1.0, false), registered);
        publish("Host", "it-dc1-h2", new HostRegistered("it-dc1-h2", "it-dc1", "hv-02", 32, 262_144, 0, 1.0, false), registered);
        publish("Host", "it-dc2-h1", new HostRegistered("it-dc2-h1", "it-dc2", "esx-01", 48, 393_216, 0, 1.0, false), registered);
        Instant provisioned = now();
        List<String> vmIds = new ArrayList<>();
        Environment[] environments = {Environment.PROD, Environment.PROD, Environment.TEST, Environment.DEV,
                Environment.STAGING, Environment.PROD, Environment.TEST};
        long last = 0;
        for (int i = 0; i < environments.length; i++) {
            String id = "it-a-vm-" + i;
            vmIds.add(id);
            String site = i < 5 ? "it-dc1" : "it-dc2";
            String host = i < 3 ? "it-dc1-h1" : i < 5 ? "it-dc1-h2" : "it-dc2-h1";
            last = publish("VirtualMachine", id,
                    new VmProvisioned(id, "vm " + i, site, host, "tenders-a", environments[i], 1 + i, 1024L * (i + 1), null),
                    provisioned);
        }

        JsonNode all = getJson("/api/vms?project=tenders-a&minPosition=" + last);
        assertThat(all.get("totalItems").asLong()).isEqualTo(7);
        assertThat(ids(all)).containsExactlyElementsOf(vmIds.stream().sorted().toList());

        assertThat(getJson("/api/vms?project=tenders-a&site=it-dc1").get("totalItems").asLong()).isEqualTo(5);
        assertThat(ids(getJson("/api/vms?project=tenders-a&environment=PROD")))
                .containsExactly("it-a-vm-0", "it-a-vm-1", "it-a-vm-5");
        assertThat(ids(getJson("/api/vms?project=tenders-a&host=it-dc1-h2"))).containsExactly("it-a-vm-3", "it-a-vm-4");
        assertThat(ids(getJson("/api/vms?project=tenders-a&site=it-dc1&environment=TEST"))).containsExactly("it-a-vm-2");
        assertThat(getJson("/api/vms?project=tenders-a&state=DECOMMISSIONED").get("totalItems").asLong()).isZero();
        assertThat(getJson("/api/vms?project=nobody").get("totalItems").asLong()).isZero();

        List<String> paged = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            JsonNode answer = getJson("/api/vms?project=tenders-a&size=3&page=" + page);
            assertThat(answer.get("page").asInt()).isEqualTo(page);
            assertThat(answer.get("size").asInt()).isEqualTo(3);
            assertThat(answer.get("totalItems").asLong()).isEqualTo(7);
            assertThat(answer.get("totalPages").asLong()).isEqualTo(3);
            assertThat(answer.get("items")).hasSize(page < 2 ? 3 : 1);
            paged.addAll(ids(answer));
        }
        assertThat(paged).as("pages are disjoint and in id order").isEqualTo(vmIds.stream().sorted().toList());
        assertThat(getJson("/api/vms?project=tenders-a&size=3&page=3").get("items")).isEmpty();

        JsonNode vm = getJson("/api/vms/it-a-vm-4");
        assertThat(vm.get("name").asText()).isEqualTo("vm 4");
        assertThat(vm.get("siteId").asText()).isEqualTo("it-dc1");
        assertThat(vm.get("hostId").asText()).isEqualTo("it-dc1-h2");
        assertThat(vm.get("project").asText()).isEqualTo("tenders-a");
        assertThat(vm.get("environment").asText()).isEqualTo("STAGING");
        assertThat(vm.get("vcpus").asInt()).isEqualTo(5);
        assertThat(vm.get("memoryMib").asLong()).isEqualTo(5120);
        assertThat(vm.get("state").asText()).isEqualTo("ACTIVE");
        assertThat(Instant.parse(vm.get("provisionedAt").asText())).isEqualTo(provisioned);
        assertThat(vm.get("decommissionedAt").isNull()).isTrue();

        JsonNode site = getJson("/api/sites/it-dc2");
        assertThat(site.get("name").asText()).isEqualTo("Secondary");
        assertThat(site.get("platform").asText()).isEqualTo("VMWARE");
        assertThat(Instant.parse(site.get("registeredAt").asText())).isEqualTo(registered);
        assertThat(ids(getJson("/api/sites"))).contains("it-dc1", "it-dc2");

        assertThat(ids(getJson("/api/hosts?site=it-dc1"))).containsExactly("it-dc1-h1", "it-dc1-h2");
        assertThat(ids(getJson("/api/hosts?site=it-dc1&state=MAINTENANCE"))).isEmpty();
        JsonNode host = getJson("/api/hosts/it-dc2-h1");
        assertThat(host.get("siteId").asText()).isEqualTo("it-dc2");
        assertThat(host.get("cpuCores").asInt()).isEqualTo(48);
        assertThat(host.get("memoryMib").asLong()).isEqualTo(393_216);
        assertThat(host.get("state").asText()).isEqualTo("ACTIVE");

        assertThat(get("/api/vms/it-a-vm-99", viewerToken).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void minPositionMakesTheVeryFirstAnswerConsistent() throws Exception {
        for (int i = 0; i < 5; i++) {
            String id = "it-b-vm-" + i;
            long position = publish("VirtualMachine", id,
                    new VmProvisioned(id, "fresh " + i, "it-dc1", "it-dc1-h1", "tenders-b", Environment.DEV, 1, 512, null),
                    now());

            HttpResponse<String> answer = get("/api/vms/" + id + "?minPosition=" + position, viewerToken);

            assertThat(answer.statusCode()).as("first answer for a VM written at position " + position).isEqualTo(200);
            assertThat(json.readTree(answer.body()).get("name").asText()).isEqualTo("fresh " + i);
        }
    }

    @Test
    @Order(3)
    void aPositionNeverWrittenIsAnsweredWith503AfterTheTimeout() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> answer = get("/api/vms?minPosition=" + (positions.get() + 1_000_000), viewerToken);
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json.readTree(answer.body()).get("detail").asText()).contains("dc-it");
        assertThat(waited).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(15));
    }

    @Test
    @Order(4)
    void aDuplicatedRecordYieldsNoDuplicateOrChangedRow() throws Exception {
        long skippedBefore = health("inventoryProjection").get("details").get("skippedDuplicatesSinceStart").asLong();
        EventEnvelope original = envelope("VirtualMachine", "it-c-vm-1", new VmProvisioned("it-c-vm-1", "original",
                "it-dc1", "it-dc1-h1", "tenders-c", Environment.PROD, 4, 8192, null), now());
        send(original);
        JsonNode before = getJson("/api/vms/it-c-vm-1?minPosition=" + original.globalPosition());

        send(original);
        // Same global position, different content: only a re-application could make it visible.
        send(new EventEnvelope(UUID.randomUUID().toString(), original.globalPosition(), original.type(),
                original.aggregateType(), original.aggregateId(), original.sequence(), now(), original.metadata(),
                json.valueToTree(new VmProvisioned("it-c-vm-1", "tampered", "it-dc2", "it-dc2-h1", "other",
                        Environment.TEST, 64, 1, null))));
        // Same aggregate, so same partition: applied after both duplicates were consumed.
        long marker = publish("VirtualMachine", "it-c-vm-1", new VmDecommissioned("it-c-vm-1", "it-dc1", "it-dc1-h1"),
                now());

        JsonNode after = getJson("/api/vms/it-c-vm-1?minPosition=" + marker);
        assertThat(after.get("name")).isEqualTo(before.get("name"));
        assertThat(after.get("vcpus")).isEqualTo(before.get("vcpus"));
        assertThat(after.get("project")).isEqualTo(before.get("project"));
        assertThat(after.get("provisionedAt")).isEqualTo(before.get("provisionedAt"));
        assertThat(after.get("state").asText()).isEqualTo("DECOMMISSIONED");
        assertThat(getJson("/api/vms?project=tenders-c").get("totalItems").asLong()).isEqualTo(1);
        assertThat(getJson("/api/vms?project=other").get("totalItems").asLong()).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM projection_applied_event WHERE global_position = ?",
                Long.class, original.globalPosition())).isEqualTo(1);
        assertThat(health("inventoryProjection").get("details").get("skippedDuplicatesSinceStart").asLong()
                - skippedBefore).isEqualTo(2);
    }

    @Test
    @Order(5)
    void decommissioningUpdatesTheState() throws Exception {
        publish("VirtualMachine", "it-d-vm-1", new VmProvisioned("it-d-vm-1", "old", "it-dc2", "it-dc2-h1",
                "tenders-d", Environment.TEST, 2, 2048, null), now());
        publish("VirtualMachine", "it-d-vm-2", new VmProvisioned("it-d-vm-2", "kept", "it-dc2", "it-dc2-h1",
                "tenders-d", Environment.TEST, 2, 2048, null), now());
        Instant decommissioned = now();
        long position = publish("VirtualMachine", "it-d-vm-1",
                new VmDecommissioned("it-d-vm-1", "it-dc2", "it-dc2-h1"), decommissioned);

        JsonNode vm = getJson("/api/vms/it-d-vm-1?minPosition=" + position);
        assertThat(vm.get("state").asText()).isEqualTo("DECOMMISSIONED");
        assertThat(Instant.parse(vm.get("decommissionedAt").asText())).isEqualTo(decommissioned);
        assertThat(ids(getJson("/api/vms?project=tenders-d&state=DECOMMISSIONED"))).containsExactly("it-d-vm-1");
        assertThat(ids(getJson("/api/vms?project=tenders-d&state=ACTIVE"))).containsExactly("it-d-vm-2");
    }

    @Test
    @Order(6)
    void operationsReadModelsFollowAMigrationAcrossPlatformsEndToEnd() throws Exception {
        Instant at = now();
        List<Long> written = new ArrayList<>();
        written.add(publish("Site", "it-dc3", new SiteRegistered("it-dc3", "Third", Platform.VMWARE), at));
        written.add(publish("Project", "it-p", new ProjectRegistered("it-p", "IT project", "end to end"), at));
        written.add(publish("Host", "it-dc1-h3",
                new HostRegistered("it-dc1-h3", "it-dc1", "hv-03", 16, 34_816, 2_048, 1.0, true), at));
        written.add(publish("Host", "it-dc3-h1",
                new HostRegistered("it-dc3-h1", "it-dc3", "esx-31", 32, 65_536, 0, 1.5, false), at));
        written.add(publish("VirtualMachine", "it-f-vm-1", new VmProvisioned("it-f-vm-1", "portal", "it-dc1",
                "it-dc1-h3", "it-p", Environment.PROD, 4, 28_672, "os-it-1"), at));
        written.add(publish("Host", "it-dc1-h3",
                new HostMemoryAllocated("it-dc1-h3", "it-dc1", "it-f-vm-1", 28_672, 28_672, 32_768), at));
        written.add(publish("Host", "it-dc1-h3", new CapacityAlertRaised("it-dc1-h3:1", "it-dc1-h3", "it-dc1",
                AlertSeverity.WARNING, 28_672, 32_768, 87.5, 80.0), at));
        written.add(publish("VirtualMachine", "it-f-vm-1", new VmRetagged("it-f-vm-1", Map.of("tier", "web")), at));
        written.add(publish("Volume", "it-vol-1", new VolumeCreated("it-vol-1", "data", "it-dc1", "it-p", 50), at));
        written.add(publish("Volume", "it-vol-1", new VolumeAttached("it-vol-1", "it-f-vm-1", "it-dc1"), at));
        written.add(publish("VirtualMachine", "it-f-vm-1", new VmVolumeAttached("it-f-vm-1", "it-vol-1"), at));
        written.add(publish("UpgradeCampaign", "it-camp", new UpgradeCampaignCreated("it-camp", "IT upgrade",
                "it-dc1", List.of("it-dc1-h3"), List.of(), "2023.1", 2, 60, new CampaignProgress(
                CampaignState.CREATED, null, Map.of("it-dc1-h3", CampaignPhase.PENDING), 0, 0, 0, 0, 0)), at));
        written.add(publish("UpgradeCampaign", "it-camp", new UpgradeCampaignStarted("it-camp", new CampaignProgress(
                CampaignState.RUNNING, "it-dc1-h3", Map.of("it-dc1-h3", CampaignPhase.EVACUATING), 1, 0, 0, 0, 1)),
                at));
        Instant moved = now();
        written.add(publish("VirtualMachine", "it-f-vm-1", new MigrationRequested("it-m-1", "it-f-vm-1",
                MigrationKind.CROSS_PLATFORM, "it-dc1", "it-dc1-h3", Platform.OPENSTACK, "it-dc3", "it-dc3-h1",
                Platform.VMWARE, 28_672, "it-camp"), moved));
        written.add(publish("Host", "it-dc3-h1",
                new HostMemoryAllocated("it-dc3-h1", "it-dc3", "it-f-vm-1", 28_672, 28_672, 98_304), moved));
        written.add(publish("VirtualMachine", "it-f-vm-1", new MigrationStarted("it-m-1", "it-f-vm-1", "it-camp"),
                moved));
        written.add(publish("VirtualMachine", "it-f-vm-1", new MigrationCompleted("it-m-1", "it-f-vm-1",
                MigrationKind.CROSS_PLATFORM, "it-dc1", "it-dc1-h3", "it-dc3", "it-dc3-h1", "os-it-1", "vm-31",
                "it-camp"), moved));
        written.add(publish("Host", "it-dc1-h3",
                new HostMemoryReleased("it-dc1-h3", "it-dc1", "it-f-vm-1", 28_672, 0, 32_768), moved));
        written.add(publish("Host", "it-dc1-h3", new CapacityAlertCleared("it-dc1-h3:1", "it-dc1-h3", "it-dc1",
                AlertSeverity.WARNING, 0, 32_768, 0.0), moved));
        written.add(publish("Container", "it-c-1",
                new ContainerCreated("it-c-1", "it-docs", "it-p", Set.of("it-dc1", "it-dc3")), moved));
        written.add(publish("Container", "it-c-1", new ReplicaStatusReported("it-c-1", "it-dc3",
                ReplicaStatus.LAGGING, ReplicaStatus.UNKNOWN, "3 objects behind"), moved));

        // Streams of different aggregates arrive in any order: a client that wrote several of them waits for each
        // position it got back, as here, before reading.
        for (long position : written) {
            getJson("/api/sites?minPosition=" + position);
        }
        JsonNode vm = getJson("/api/vms/it-f-vm-1");
        assertThat(vm.get("siteId").asText()).isEqualTo("it-dc3");
        assertThat(vm.get("hostId").asText()).isEqualTo("it-dc3-h1");
        assertThat(vm.get("platform").asText()).isEqualTo("VMWARE");
        assertThat(vm.get("platformId").asText()).isEqualTo("vm-31");
        assertThat(vm.get("tags").get("tier").asText()).isEqualTo("web");
        assertThat(vm.get("currentMigrationId").isNull()).isTrue();
        assertThat(vm.get("host").get("name").asText()).isEqualTo("esx-31");
        assertThat(vm.get("site").get("name").asText()).isEqualTo("Third");
        assertThat(vm.get("projectDetail").get("description").asText()).isEqualTo("end to end");
        assertThat(vm.get("volumes").get(0).get("id").asText()).isEqualTo("it-vol-1");
        assertThat(vm.get("migrations").get(0).get("state").asText()).isEqualTo("COMPLETED");
        assertThat(vm.get("migrations").get(0).get("campaignId").asText()).isEqualTo("it-camp");

        assertThat(ids(getJson("/api/vms?platform=VMWARE&tag=tier=web&sort=-memoryMib")))
                .containsExactly("it-f-vm-1");
        assertThat(ids(getJson("/api/vms?project=tenders-a&sort=-memoryMib&size=2")))
                .containsExactly("it-a-vm-6", "it-a-vm-5");

        JsonNode target = getJson("/api/hosts/it-dc3-h1");
        assertThat(target.get("capacityMib").asLong()).isEqualTo(98_304);
        assertThat(target.get("allocatedMib").asLong()).isEqualTo(28_672);
        assertThat(target.get("freeMib").asLong()).isEqualTo(69_632);
        assertThat(target.get("vmCount").asLong()).isEqualTo(1);
        JsonNode source = getJson("/api/hosts/it-dc1-h3");
        assertThat(source.get("temporary").asBoolean()).isTrue();
        assertThat(source.get("allocatedMib").asLong()).isZero();
        assertThat(source.get("openAlert").isNull()).isTrue();
        assertThat(ids(getJson("/api/hosts?temporary=true&site=it-dc1"))).containsExactly("it-dc1-h3");

        JsonNode site = getJson("/api/capacity/sites?siteId=it-dc3").get("items").get(0);
        assertThat(site.get("capacityMib").asLong()).isEqualTo(98_304);
        assertThat(site.get("freeMib").asLong()).isEqualTo(69_632);
        assertThat(getJson("/api/capacity/hosts?siteId=it-dc1").get("items"))
                .allSatisfy(host -> assertThat(host.get("freeMib").asLong()).isNotNegative());
        JsonNode alert = getJson("/api/alerts?state=cleared&siteId=it-dc1").get("items").get(0);
        assertThat(alert.get("id").asText()).isEqualTo("it-dc1-h3:1");
        assertThat(Instant.parse(alert.get("clearedAt").asText())).isEqualTo(moved);
        assertThat(getJson("/api/alerts?siteId=it-dc1").get("totalItems").asLong()).as("open ones").isZero();

        assertThat(ids(getJson("/api/migrations?campaignId=it-camp&state=COMPLETED"))).containsExactly("it-m-1");
        assertThat(getJson("/api/migrations/it-m-1").get("previousPlatformId").asText()).isEqualTo("os-it-1");
        JsonNode campaign = getJson("/api/campaigns/it-camp");
        assertThat(campaign.get("state").asText()).isEqualTo("RUNNING");
        assertThat(campaign.get("hostPhases").get(0).get("phase").asText()).isEqualTo("EVACUATING");
        assertThat(campaign.get("progress").get("migrationsPending").asInt()).isEqualTo(1);
        JsonNode container = getJson("/api/containers/it-c-1");
        assertThat(container.get("replicas").get(1).get("status").asText()).isEqualTo("LAGGING");
        assertThat(ids(getJson("/api/projects"))).contains("it-p");
        assertThat(ids(getJson("/api/volumes?vm=it-f-vm-1"))).containsExactly("it-vol-1");

        JsonNode history = getJson("/api/resources/it-f-vm-1/history");
        assertThat(StreamSupport.stream(history.get("items").spliterator(), false)
                .map(e -> e.get("event").asText()).toList()).containsExactly("VmProvisioned", "VmRetagged",
                "VmVolumeAttached", "MigrationRequested", "MigrationStarted", "MigrationCompleted");
        assertThat(history.get("items").get(0).get("actorUsername").asText()).isEqualTo("it");
        assertThat(history.get("items").get(5).get("payload").get("targetHostId").asText()).isEqualTo("it-dc3-h1");

        assertThat(get("/api/resources/it-nothing/history", viewerToken).statusCode()).isEqualTo(404);
        assertThat(get("/api/vms?sort=size", viewerToken).statusCode()).isEqualTo(400);
        assertThat(get("/api/alerts?state=closed", viewerToken).statusCode()).isEqualTo(400);
    }

    @Test
    @Order(7)
    void anEventOfATypeThisServiceDoesNotKnowStillCountsAsApplied() throws Exception {
        long position = positions.incrementAndGet();
        send(new EventEnvelope(UUID.randomUUID().toString(), position, "dev.twinledger.api.future.VmResized",
                "VirtualMachine", "it-d-vm-2", 9, now(), Map.of(EventMetadata.HANDLING_SITE, "dc1"),
                json.readTree("{\"vmId\":\"it-d-vm-2\",\"vcpus\":16}")));

        HttpResponse<String> answer = get("/api/sites?minPosition=" + position, viewerToken);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(getJson("/api/vms/it-d-vm-2").get("vcpus").asInt()).as("unchanged").isEqualTo(2);
    }

    @Test
    @Order(8)
    void operationsEndpointsReportHealthMetricsAndTheApi() throws Exception {
        assertThat(getManagement("/actuator/health/readiness").get("status").asText()).isEqualTo("UP");
        assertThat(getManagement("/actuator/health/liveness").get("status").asText()).isEqualTo("UP");
        JsonNode kafkaHealth = health("kafka");
        assertThat(kafkaHealth.get("status").asText()).isEqualTo("UP");
        assertThat(kafkaHealth.get("details").get("topicPartitions").asInt()).isEqualTo(PARTITIONS);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode projection = health("inventoryProjection");
            assertThat(projection.get("status").asText()).isEqualTo("UP");
            JsonNode details = projection.get("details");
            assertThat(details.get("site").asText()).isEqualTo("dc-it");
            assertThat(details.get("lastAppliedPosition").asLong()).isEqualTo(positions.get());
            assertThat(details.get("consumerLag")).hasSize(PARTITIONS);
            assertThat(details.get("totalLag").asLong()).isZero();
        });

        HttpResponse<String> prometheus = send(HttpRequest.newBuilder(managementUri("/actuator/prometheus")).build());
        assertThat(prometheus.body()).contains("twinledger_projection_applied_position{processor=\"inventory\"}");

        HttpResponse<String> apiDocs = get("/v3/api-docs", null);
        assertThat(apiDocs.statusCode()).isEqualTo(200);
        JsonNode openApi = json.readTree(apiDocs.body());
        assertThat(openApi.at("/components/securitySchemes/bearer-jwt/scheme").asText()).isEqualTo("bearer");
        assertThat(openApi.at("/paths").fieldNames()).toIterable()
                .contains("/api/vms", "/api/vms/{id}", "/api/hosts", "/api/hosts/{id}", "/api/sites", "/api/sites/{id}",
                        "/api/projects", "/api/volumes", "/api/capacity/hosts", "/api/capacity/sites", "/api/alerts",
                        "/api/migrations", "/api/migrations/{id}", "/api/campaigns", "/api/campaigns/{id}",
                        "/api/containers", "/api/containers/{id}", "/api/resources/{id}/history");
        assertThat(openApi.at("/components/schemas/VmDetailView/properties").fieldNames()).toIterable()
                .as("the VM's own fields are unwrapped next to its relations")
                .contains("id", "name", "tags", "host", "site", "volumes", "migrations").doesNotContain("vm");
        assertThat(get("/swagger-ui.html", null).statusCode()).isIn(200, 302);

        assertThat(get("/api/vms", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/vms", issuer.token()).statusCode()).isEqualTo(403);
        assertThat(get("/api/vms", issuer.token("operator")).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(9)
    void afterARestartExactlyTheNewRecordsAppearAndNothingTwice() throws Exception {
        long vmsBefore = count("vms");
        long appliedBefore = count("projection_applied_event");
        app.close();

        List<String> ids = List.of("it-e-vm-1", "it-e-vm-2", "it-e-vm-3");
        for (String id : ids) {
            publish("VirtualMachine", id, new VmProvisioned(id, "after restart", "it-dc1", "it-dc1-h2", "tenders-e",
                    Environment.PROD, 1, 1024, null), now());
        }
        long last = publish("VirtualMachine", "it-e-vm-2", new VmDecommissioned("it-e-vm-2", "it-dc1", "it-dc1-h2"),
                now());

        app = startApplication();

        JsonNode page = getJson("/api/vms?project=tenders-e&minPosition=" + last);
        assertThat(ids(page)).containsExactlyElementsOf(ids);
        assertThat(getJson("/api/vms/it-e-vm-2").get("state").asText()).isEqualTo("DECOMMISSIONED");
        assertThat(count("vms")).isEqualTo(vmsBefore + 3);
        assertThat(count("projection_applied_event")).isEqualTo(appliedBefore + 4);
        assertThat(health("inventoryProjection").get("details").get("skippedDuplicatesSinceStart").asLong())
                .as("resumed from the committed token: nothing was consumed twice").isZero();
        assertThat(getJson("/api/vms?project=tenders-a").get("totalItems").asLong()).isEqualTo(7);
    }

    @Test
    @Order(10)
    void accessChecksFollowTheTopicAndARevocationIsSeenAtItsPositionAlsoAfterARestart() throws Exception {
        String alice = issuer.tokenFor("it-alice");
        String bob = issuer.tokenFor("it-bob", "viewer");
        String check = "/api/access/check?principal=user:it-alice&action=vm:provision&resourceType=vm"
                + "&resourceId=it-new-vm&siteId=it-dc1&environment=PROD";
        publish("AccessDirectory", AccessDirectory.ID, new RoleDefined("operator",
                Set.of("vm:provision", "inventory:read"), false, Set.of(), "system"), now());
        Instant granted = now();
        long grant = publish("AccessDirectory", AccessDirectory.ID, new GrantRequested("it-g-1",
                PrincipalRef.user("it-alice"), "operator", new AccessScope("it-dc1", null, null, null, null), null,
                null, "runs it-dc1", "CHG-9", "it-root", false), granted);
        send(new EventEnvelope(UUID.randomUUID().toString(), positions.incrementAndGet(),
                AccessDenied.class.getName(), null, "denied-1", 0L, now(), Map.of(EventMetadata.ACTOR_USERNAME,
                "it-alice"), json.valueToTree(new AccessDenied("it-alice", "vm:provision", "vm", "x", "it-dc2",
                null, null, "permission", "missing vm:provision", null, "POST /api/vms"))));

        HttpResponse<String> allowed = get(check + "&minPosition=" + grant, alice);
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
        JsonNode answer = json.readTree(allowed.body());
        assertThat(answer.get("allowed").asBoolean()).isTrue();
        assertThat(answer.get("reasons").get(0).get("grantId").asText()).isEqualTo("it-g-1");
        assertThat(answer.get("reasons").get(0).get("grantPosition").asLong()).isEqualTo(grant);
        assertThat(answer.get("reasons").get(0).get("grantedBy").asText()).isEqualTo("it-root");
        assertThat(get(check, bob).statusCode()).as("bob may not ask about alice").isEqualTo(403);
        assertThat(count("denied_queries")).isEqualTo(1);
        assertThat(json.readTree(get("/api/access/denials?actor=it-alice", alice).body()).get("totalItems").asLong())
                .isEqualTo(1);

        app.close();
        Instant beforeRevocation = now();
        long revoked = publish("AccessDirectory", AccessDirectory.ID, new GrantRevoked("it-g-1", "it-root",
                "left"), now());
        app = startApplication();

        JsonNode denied = json.readTree(get(check + "&minPosition=" + revoked, alice).body());
        assertThat(denied.get("allowed").asBoolean()).as("the revocation's position answers denied").isFalse();
        assertThat(denied.get("notCounted").get(0).get("standing").asText()).isEqualTo("REVOKED");
        assertThat(denied.get("missing").get("permission").asText()).isEqualTo("vm:provision");
        JsonNode before = json.readTree(get(check + "&asOf=" + beforeRevocation, alice).body());
        assertThat(before.get("allowed").asBoolean()).as("the rebuilt fold still knows the past").isTrue();
        assertThat(json.readTree(get("/api/access/grants?principal=user:it-alice", alice).body())
                .get("items").get(0).get("status").asText()).isEqualTo("REVOKED");
    }

    @Test
    @Order(11)
    void anAuditorReadsTheInventoryAsItWasThroughTheTopicAndOnlyWhereTheirGrantReaches() throws Exception {
        Instant registered = Instant.parse("2025-06-01T08:00:00.000001Z");
        Instant provisioned = registered.plus(Duration.ofHours(1));
        Instant moved = registered.plus(Duration.ofDays(1));
        Instant decommissioned = registered.plus(Duration.ofDays(2));
        List<Long> written = new ArrayList<>();
        written.add(publish("Site", "it-pa", new SiteRegistered("it-pa", "PIT A", Platform.OPENSTACK), registered));
        written.add(publish("Site", "it-pb", new SiteRegistered("it-pb", "PIT B", Platform.VMWARE), registered));
        written.add(publish("Project", "it-pp", new ProjectRegistered("it-pp", "PIT project", null), registered));
        written.add(publish("Host", "it-pa-h1",
                new HostRegistered("it-pa-h1", "it-pa", "hv-a1", 16, 65_536, 0, 1.0, false), registered));
        written.add(publish("Host", "it-pb-h1",
                new HostRegistered("it-pb-h1", "it-pb", "esx-b1", 16, 65_536, 0, 1.0, false), registered));
        written.add(publish("VirtualMachine", "it-p-vm", new VmProvisioned("it-p-vm", "ledger", "it-pa", "it-pa-h1",
                "it-pp", Environment.PROD, 2, 4_096, "os-p"), provisioned));
        written.add(publish("VirtualMachine", "it-p-vm", new MigrationRequested("it-pm-1", "it-p-vm",
                MigrationKind.CROSS_PLATFORM, "it-pa", "it-pa-h1", Platform.OPENSTACK, "it-pb", "it-pb-h1",
                Platform.VMWARE, 4_096, null), moved));
        written.add(publish("VirtualMachine", "it-p-vm", new MigrationCompleted("it-pm-1", "it-p-vm",
                MigrationKind.CROSS_PLATFORM, "it-pa", "it-pa-h1", "it-pb", "it-pb-h1", "os-p", "vm-p", null), moved));
        written.add(publish("VirtualMachine", "it-p-vm", new VmDecommissioned("it-p-vm", "it-pb", "it-pb-h1"),
                decommissioned));
        written.add(publish("AccessDirectory", AccessDirectory.ID, new RoleDefined("auditor",
                Set.of("audit:read", "inventory:read"), false, Set.of(), "system"), now()));
        written.add(publish("AccessDirectory", AccessDirectory.ID, new GrantRequested("it-g-pit",
                PrincipalRef.user("it-ann"), "auditor", new AccessScope("it-pa", null, null, null, null), null, null,
                "audits site it-pa", null, "it-root", false), now()));
        String ann = issuer.tokenFor("it-ann", "auditor");
        for (long position : written) {
            getJson("/api/sites?minPosition=" + position);
        }

        HttpResponse<String> before = get("/api/audit/snapshot/resources/it-p-vm?at=" + moved.minusSeconds(1), ann);
        assertThat(before.statusCode()).as(before.body()).isEqualTo(200);
        JsonNode vm = json.readTree(before.body()).get("resource");
        assertThat(vm.get("attributes").get("siteId").asText()).isEqualTo("it-pa");
        assertThat(vm.get("attributes").get("platformId").asText()).isEqualTo("os-p");
        assertThat(vm.get("event").asText()).isEqualTo("VmProvisioned");
        assertThat(Instant.parse(vm.get("validTo").asText())).isEqualTo(moved);

        JsonNode siteThen = json.readTree(get("/api/audit/snapshot/sites/it-pa?at=" + provisioned, ann).body());
        assertThat(siteThen.get("site").get("attributes").get("name").asText()).isEqualTo("PIT A");
        assertThat(ids(siteThen)).as("by id, in byte order").containsExactly("it-p-vm", "it-pa-h1");
        assertThat(ids(json.readTree(get("/api/audit/snapshot/sites/it-pa?at=" + moved, ann).body())))
                .as("the VM left it-pa at the migration's instant").containsExactly("it-pa-h1");
        assertThat(get("/api/audit/snapshot/resources/it-p-vm?at=2025-01-01T00:00:00Z", ann).body())
                .contains("did not exist at 2025-01-01T00:00:00Z");

        long refusedBefore = count("denied_queries");
        HttpResponse<String> afterMove = get("/api/audit/snapshot/resources/it-p-vm?at=" + decommissioned, ann);
        assertThat(afterMove.statusCode()).as("it stood at it-pb then, beyond the grant").isEqualTo(403);
        assertThat(afterMove.body()).contains("audit:read").contains("site=it-pb");
        assertThat(get("/api/audit/snapshot/projects/it-pp?at=" + provisioned, ann).statusCode())
                .as("the grant is on a site, not on the project").isEqualTo(403);
        assertThat(count("denied_queries")).isEqualTo(refusedBefore + 2);
        assertThat(get("/api/audit/snapshot/sites/it-pa?at=" + provisioned, viewerToken).statusCode())
                .as("the realm-role gate").isEqualTo(403);
        assertThat(get("/api/audit/snapshot/sites/it-pa?at=yesterday", ann).statusCode()).isEqualTo(400);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Timestamps as the event store keeps them: microseconds. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static EventEnvelope envelope(String aggregateType, String aggregateId, Object payload, Instant at) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        return new EventEnvelope(UUID.randomUUID().toString(), positions.incrementAndGet(), payload.getClass().getName(),
                aggregateType, aggregateId, sequence, at,
                Map.of(EventMetadata.ACTOR_USERNAME, "it", EventMetadata.ACTOR_SUBJECT, "it",
                        EventMetadata.HANDLING_SITE, "dc1"),
                json.valueToTree(payload));
    }

    /** Publishes like the command side: the converter's bytes, keyed by aggregate id. Returns the position. */
    private static long publish(String aggregateType, String aggregateId, Object payload, Instant at) {
        EventEnvelope envelope = envelope(aggregateType, aggregateId, payload, at);
        send(envelope);
        return envelope.globalPosition();
    }

    private static void send(EventEnvelope envelope) {
        try {
            producer.send(new ProducerRecord<>(TOPIC, envelope.aggregateId(), converter.write(envelope))).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce " + envelope.eventId(), e);
        }
    }

    private static JsonNode getJson(String path) throws Exception {
        HttpResponse<String> answer = get(path, viewerToken);
        assertThat(answer.statusCode()).as("GET " + path + ": " + answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private static URI managementUri(String path) {
        return URI.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.management.port") + path);
    }

    private static JsonNode getManagement(String path) throws Exception {
        return json.readTree(send(HttpRequest.newBuilder(managementUri(path)).build()).body());
    }

    private static JsonNode health(String component) throws Exception {
        return getManagement("/actuator/health").get("components").get(component);
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> ids(JsonNode page) {
        return StreamSupport.stream(page.get("items").spliterator(), false).map(item -> item.get("id").asText())
                .toList();
    }

    private static long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }
}
