package dev.twinledger.queryside.pointintime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.twinledger.api.capacity.AlertSeverity;
import dev.twinledger.api.capacity.CapacityAlertCleared;
import dev.twinledger.api.capacity.CapacityAlertRaised;
import dev.twinledger.api.inventory.Environment;
import dev.twinledger.api.inventory.HostDecommissioned;
import dev.twinledger.api.inventory.HostMaintenanceEnded;
import dev.twinledger.api.inventory.HostMaintenanceStarted;
import dev.twinledger.api.inventory.HostMemoryAllocated;
import dev.twinledger.api.inventory.HostMemoryReleased;
import dev.twinledger.api.inventory.HostRegistered;
import dev.twinledger.api.inventory.HostState;
import dev.twinledger.api.inventory.HostTemporaryChanged;
import dev.twinledger.api.inventory.HostUpgraded;
import dev.twinledger.api.inventory.Platform;
import dev.twinledger.api.inventory.ProjectRegistered;
import dev.twinledger.api.inventory.SiteRegistered;
import dev.twinledger.api.inventory.VmDecommissioned;
import dev.twinledger.api.inventory.VmProvisioned;
import dev.twinledger.api.inventory.VmRenamed;
import dev.twinledger.api.inventory.VmResized;
import dev.twinledger.api.inventory.VmRetagged;
import dev.twinledger.api.inventory.VmStarted;
import dev.twinledger.api.inventory.VmState;
import dev.twinledger.api.inventory.VmStopped;
import dev.twinledger.api.inventory.VmVolumeAttached;
import dev.twinledger.api.inventory.VmVolumeDetached;
import dev.twinledger.api.inventory.VolumeAttached;
import dev.twinledger.api.inventory.VolumeCreated;
import dev.twinledger.api.inventory.VolumeDeleted;
import dev.twinledger.api.inventory.VolumeDetached;
import dev.twinledger.api.inventory.VolumeState;
import dev.twinledger.api.migration.MigrationCompleted;
import dev.twinledger.api.migration.MigrationFailed;
import dev.twinledger.api.migration.MigrationKind;
import dev.twinledger.api.migration.MigrationRequested;
import dev.twinledger.api.migration.MigrationRolledBack;
import dev.twinledger.api.migration.MigrationStarted;
import dev.twinledger.api.storage.ContainerCreated;
import dev.twinledger.api.storage.ReplicaPolicyChanged;
import dev.twinledger.api.storage.ReplicaStatus;
import dev.twinledger.api.storage.ReplicaStatusReported;
import dev.twinledger.projections.testing.ProjectionHarness;
import dev.twinledger.projections.testing.TestDatabase;
import dev.twinledger.queryside.asof.InventoryVersions;
import dev.twinledger.queryside.asof.SnapshotView;
import dev.twinledger.queryside.readmodel.ReadModel;
import dev.twinledger.transport.EventEnvelope;
import dev.twinledger.transport.UnknownEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5's point-in-time test: a random inventory history (seeded, the seed printed) of sites, projects and hosts
 * registered over time, VMs provisioned, started and stopped, resized, renamed, retagged, migrated between hosts and
 * across sites and platforms (some migrations failing or rolled back), decommissioned; volumes attached, detached and
 * deleted; object-storage containers with changing replica policies and statuses; host maintenance, upgrades and
 * decommissioning, memory and capacity alerts; an event type this build does not know. Each aggregate's events carry
 * explicit non-decreasing timestamps, and the streams interleave.
 *
 * <p>The history is fed through the real read-model processor into PostgreSQL in a shuffled order that keeps each
 * stream's own order (as Kafka partitions deliver it). Then, at the present, at random instants across the history,
 * and at the exact instants of events and a microsecond before them, every resource at T, every site at T and every
 * project at T (page by page) must equal {@link NaiveInventory}, a fold of the event list up to T written for the
 * test.
 *
 * <p>Run with {@code -Dpit.seed=N} to replay a failing history.
 */
class PointInTimeConsistencyTest {

    private static final long SEED = Long.getLong("pit.seed", System.nanoTime());
    private static final int EVENTS = 900;
    private static final int RANDOM_INSTANTS = 24;
    private static final int EVENT_INSTANTS = 12;
    private static final int PAGE = 7;

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static TestDatabase database;
    private static SingleConnectionDataSource connection;
    private static InventoryVersions versions;
    private static PointInTimeQueries queries;
    private static final NaiveInventory reference = new NaiveInventory();
    private static final List<String> log = new ArrayList<>();
    private static final List<Instant> instants = new ArrayList<>();
    private static World world;

    @BeforeAll
    static void feedARandomHistoryInAShuffledOrder() {
        System.out.println("PointInTimeConsistencyTest seed=" + SEED + " (replay with -Dpit.seed=" + SEED + ")");
        database = TestDatabase.createMigrated(PointInTimeConsistencyTest.class);
        world = new World(new Random(SEED));
        List<Emitted> history = world.generate(EVENTS);
        try (ProjectionHarness harness = ProjectionHarness.start(database.dataSource())) {
            List<EventMessage<?>> inGlobalOrder = new ArrayList<>();
            for (Emitted event : history) {
                long position = harness.nextPosition();
                inGlobalOrder.add(harness.onStream(event.aggregateType(), event.aggregateId(), event.payload(),
                        position, event.at(), Map.of()));
                reference.record(event.aggregateId(), event.payload(), event.at(), position);
                log.add(position + " " + event.at() + " " + event.aggregateId() + " " + event.payload());
            }
            List<EventMessage<?>> delivery = interleave(inGlobalOrder, new Random(SEED + 1));
            assertThat(delivery).as("the delivery order differs from the global order").isNotEqualTo(inGlobalOrder);
            delivery.forEach(harness::publish);
            for (EventMessage<?> event : inGlobalOrder) {
                harness.await(position(event));
            }
        }
        // One connection, as a pool would lend it: the test data source opens a connection per statement.
        connection = new SingleConnectionDataSource(database.jdbcUrl(), database.user(), "", true);
        ReadModel readModel = new ReadModel(new NamedParameterJdbcTemplate(connection));
        versions = new InventoryVersions(readModel);
        queries = new PointInTimeQueries(readModel, versions);
        chooseInstants(history, new Random(SEED + 2));
    }

    @AfterAll
    static void dropDatabase() {
        if (connection != null) {
            connection.destroy();
        }
        database.close();
    }

    @Test
    void theHistoryHasWhatTheTestIsAbout() {
        assertThat(world.counts).as("event types generated").containsKeys(World.REQUIRED.toArray(String[]::new));
        assertThat(world.crossSiteMoves).as("migrations completed across sites").isPositive();
        assertThat(instants).hasSizeGreaterThanOrEqualTo(RANDOM_INSTANTS + 2 * EVENT_INSTANTS);
    }

    @Test
    void everyResourceAtEveryInstantEqualsTheFoldOfItsEventsUpToThen() {
        List<String> ids = new ArrayList<>(reference.ids());
        ids.add("never-existed");
        for (Instant t : instants) {
            for (String id : ids) {
                agree("resource " + id, t, reference.at(id, t).map(PointInTimeConsistencyTest::expected),
                        versions.at(id, t).map(PointInTimeConsistencyTest::actual));
            }
        }
    }

    @Test
    void everySiteAtEveryInstantEqualsTheFold() {
        for (Instant t : instants) {
            for (String site : World.SITES.keySet()) {
                List<NaiveInventory.Expected> all = reference.site(site, t);
                agree("site " + site, t, expected(all), walk(after -> queries.siteAt(site, t,
                        Set.copyOf(PointInTimeQueries.SITE_TYPES), null, after, PAGE)));
                agree("owner site " + site, t, reference.at(site, t).map(PointInTimeConsistencyTest::expected),
                        queries.siteAt(site, t, Set.of(), null, null, PAGE).owner()
                                .map(PointInTimeConsistencyTest::actual));
                for (String type : PointInTimeQueries.SITE_TYPES) {
                    agree("site " + site + " type " + type, t,
                            expected(all.stream().filter(e -> e.type().equals(type)).toList()),
                            walk(after -> queries.siteAt(site, t, Set.of(type), null, after, PAGE)));
                }
                for (String state : List.of("ACTIVE", "DECOMMISSIONED")) {
                    agree("site " + site + " state " + state, t,
                            expected(all.stream().filter(e -> state.equals(e.attributes().get("state"))).toList()),
                            walk(after -> queries.siteAt(site, t, Set.copyOf(PointInTimeQueries.SITE_TYPES), state,
                                    after, PAGE)));
                }
            }
        }
    }

    @Test
    void everyProjectAtEveryInstantEqualsTheFold() {
        for (Instant t : instants) {
            for (String project : World.PROJECTS) {
                List<NaiveInventory.Expected> all = reference.project(project, t);
                agree("project " + project, t, expected(all), walk(after -> queries.projectAt(project, t,
                        Set.copyOf(PointInTimeQueries.PROJECT_TYPES), after, PAGE)));
                agree("owner project " + project, t, reference.at(project, t)
                                .map(PointInTimeConsistencyTest::expected),
                        queries.projectAt(project, t, Set.of(), null, PAGE).owner()
                                .map(PointInTimeConsistencyTest::actual));
                for (String type : PointInTimeQueries.PROJECT_TYPES) {
                    agree("project " + project + " type " + type, t,
                            expected(all.stream().filter(e -> e.type().equals(type)).toList()),
                            walk(after -> queries.projectAt(project, t, Set.of(type), after, PAGE)));
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** What a reference resource and an answered version are compared as: every field an answer carries. */
    private record Compared(String id, String type, JsonNode attributes, Instant validFrom, Instant validTo,
                            long position, String eventType) {
    }

    private static Compared expected(NaiveInventory.Expected e) {
        return new Compared(e.id(), e.type(), normalized(e.attributes()), e.validFrom(), e.validTo(), e.position(),
                e.eventType());
    }

    private static List<Compared> expected(List<NaiveInventory.Expected> all) {
        return all.stream().map(PointInTimeConsistencyTest::expected).toList();
    }

    private static Compared actual(SnapshotView v) {
        return new Compared(v.id(), v.type(), normalized(v.attributes()), v.validFrom(), v.validTo(), v.position(),
                v.eventType());
    }

    /** Every page of a listing, following the cursor: a page's last id starts the next when one more was fetched. */
    private static List<Compared> walk(Function<String, PointInTimeQueries.Listing> page) {
        List<Compared> all = new ArrayList<>();
        String after = null;
        while (true) {
            List<SnapshotView> fetched = page.apply(after).items();
            List<SnapshotView> items = fetched.size() > PAGE ? fetched.subList(0, PAGE) : fetched;
            items.forEach(v -> all.add(actual(v)));
            if (fetched.size() <= PAGE) {
                return all;
            }
            after = items.get(items.size() - 1).id();
        }
    }

    /** JSON as both sides would print it, so that 4096 as an int and as a long compare equal. */
    private static JsonNode normalized(Object value) {
        try {
            return JSON.readTree(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fails with the first disagreement, the seed, and a file holding the whole history. */
    private static void agree(String question, Instant t, Object expected, Object actual) {
        if (expected.equals(actual)) {
            return;
        }
        Path file = Path.of("target", "point-in-time-consistency-" + SEED + ".log");
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, log);
        } catch (IOException e) {
            file = Path.of("(not written: " + e + ")");
        }
        throw new AssertionError("seed " + SEED + ": " + question + " at " + t + " disagrees with the fold\n"
                + "  fold of the events: " + expected + "\n  point in time:      " + actual
                + "\n  the history (position, time, stream, event) is in " + file.toAbsolutePath());
    }

    /**
     * The present, random instants from before the first event to after the last, and the exact instants of
     * random events and a microsecond before each (timestamps are kept in microseconds).
     */
    private static void chooseInstants(List<Emitted> history, Random random) {
        instants.add(Instant.now().truncatedTo(ChronoUnit.MICROS));
        Instant first = history.get(0).at().minus(Duration.ofHours(1));
        Instant last = history.get(history.size() - 1).at().plus(Duration.ofHours(1));
        long span = ChronoUnit.MICROS.between(first, last);
        instants.add(first);
        for (int i = 0; i < RANDOM_INSTANTS; i++) {
            instants.add(first.plus((long) (random.nextDouble() * span), ChronoUnit.MICROS));
        }
        for (int i = 0; i < EVENT_INSTANTS; i++) {
            Instant at = history.get(random.nextInt(history.size())).at();
            instants.add(at);
            instants.add(at.minus(1, ChronoUnit.MICROS));
        }
    }

    /** A random merge of the streams that keeps each stream's order, as partitions deliver them. */
    private static List<EventMessage<?>> interleave(List<EventMessage<?>> events, Random random) {
        Map<String, List<EventMessage<?>>> streams = new LinkedHashMap<>();
        for (EventMessage<?> event : events) {
            streams.computeIfAbsent(((DomainEventMessage<?>) event).getAggregateIdentifier(), id -> new ArrayList<>())
                    .add(event);
        }
        List<List<EventMessage<?>>> pending = new ArrayList<>(streams.values().stream().map(ArrayList::new).toList());
        List<EventMessage<?>> merged = new ArrayList<>();
        while (!pending.isEmpty()) {
            List<EventMessage<?>> stream = pending.get(random.nextInt(pending.size()));
            merged.add(stream.remove(0));
            if (stream.isEmpty()) {
                pending.remove(stream);
            }
        }
        return merged;
    }

    private static long position(EventMessage<?> event) {
        return ((Number) event.getMetaData().get(EventEnvelope.GLOBAL_POSITION))
                .longValue();
    }

    private record Emitted(String aggregateType, String aggregateId, Object payload, Instant at) {
    }

    /**
     * A small simulation of the command side, enough to produce histories its aggregates would have stored: hosts
     * hold the memory of their VMs (on both ends while a migration is in flight) and raise and clear capacity
     * alerts; a VM migrates only to another active host with room, across sites only without volumes; a volume
     * attaches only to a VM at its site; hosts are decommissioned only when empty. Every command's events share its
     * instant; the clock never goes back.
     */
    private static final class World {

        static final Map<String, Platform> SITES = Map.of("dc1", Platform.OPENSTACK, "dc2", Platform.VMWARE,
                "dc3", Platform.OPENSTACK);
        static final List<String> PROJECTS = List.of("tenders", "portal", "archive");

        private final Random random;
        private final List<Emitted> out = new ArrayList<>();
        private final Map<String, Integer> counts = new TreeMap<>();
        private int crossSiteMoves;
        private Instant clock = Instant.parse("2025-01-01T00:00:00Z");
        private final Set<String> sites = new TreeSet<>();
        private final Set<String> projects = new TreeSet<>();
        private final Map<String, Host> hosts = new TreeMap<>();
        private final Map<String, Vm> vms = new TreeMap<>();
        private final Map<String, Volume> volumes = new TreeMap<>();
        private final Map<String, Container> containers = new TreeMap<>();
        private int ids;

        World(Random random) {
            this.random = random;
        }

        /** Events the test is about; a history goes on until it has each (a few thousand events at most). */
        static final List<String> REQUIRED = List.of("MigrationCompleted", "MigrationFailed", "MigrationRolledBack",
                "VmDecommissioned", "VolumeAttached", "VolumeDeleted", "ReplicaPolicyChanged", "HostDecommissioned",
                "CapacityAlertRaised", "VmResized", "VmRenamed", "UnknownEvent");

        List<Emitted> generate(int events) {
            while (out.size() < events || (!complete() && out.size() < 4 * events)) {
                // A quarter of the commands share the previous one's instant; the others come up to 3 h later.
                if (random.nextInt(4) != 0) {
                    clock = clock.plus(1 + random.nextInt(10_800_000), ChronoUnit.MILLIS)
                            .plus(random.nextInt(1000), ChronoUnit.MICROS);
                }
                step(random.nextInt(22));
                if (out.size() >= events && !counts.containsKey("HostDecommissioned")) {
                    evacuateAndDecommissionAHost();
                }
                if (out.size() >= events && crossSiteMoves == 0) {
                    moveAVmToAnotherSite();
                }
            }
            return out;
        }

        private boolean complete() {
            return counts.keySet().containsAll(REQUIRED) && crossSiteMoves > 0;
        }

        private void step(int action) {
            switch (action) {
                case 0 -> registerSite();
                case 1 -> registerProject();
                case 2, 3 -> registerHost();
                case 4, 5, 6 -> provisionVm();
                case 7 -> startOrStopVm();
                case 8 -> resizeVm();
                case 9 -> renameOrRetagVm();
                case 10, 11 -> requestMigration();
                case 12, 13, 14 -> advanceMigration();
                case 15 -> decommissionVm();
                case 16 -> createVolume();
                case 17 -> changeVolume();
                case 18 -> createContainer();
                case 19 -> changeContainer();
                case 20 -> changeHost();
                default -> unknownEventOnAVm();
            }
        }

        private void registerSite() {
            List<String> missing = SITES.keySet().stream().filter(s -> !sites.contains(s)).sorted().toList();
            if (!missing.isEmpty()) {
                String site = missing.get(random.nextInt(missing.size()));
                sites.add(site);
                emit("Site", site, new SiteRegistered(site, "Site " + site, SITES.get(site)));
            }
        }

        private void registerProject() {
            List<String> missing = PROJECTS.stream().filter(p -> !projects.contains(p)).toList();
            if (!missing.isEmpty()) {
                String project = missing.get(random.nextInt(missing.size()));
                projects.add(project);
                emit("Project", project, new ProjectRegistered(project, "Project " + project,
                        random.nextBoolean() ? null : "about " + project));
            }
        }

        private void registerHost() {
            if (sites.isEmpty()) {
                return;
            }
            // The site with the fewest hosts (at most four each), so that VMs can move between sites.
            String site = sites.stream().min(Comparator.comparingLong(this::hostsAt)).orElseThrow();
            if (hostsAt(site) >= 4) {
                return;
            }
            Host host = new Host("h-" + (++ids), site);
            long memory = 16_384L * (1 + random.nextInt(4));
            long reserved = 1_024L * random.nextInt(3);
            double overcommit = List.of(1.0, 1.5, 2.0, 0.0).get(random.nextInt(4));
            host.capacity = (long) Math.floor((memory - reserved) * Math.max(1.0, overcommit));
            hosts.put(host.id, host);
            emit("Host", host.id, new HostRegistered(host.id, site, "hv-" + host.id, 8 + random.nextInt(56), memory,
                    reserved, overcommit, random.nextInt(4) == 0));
        }

        private long hostsAt(String site) {
            return hosts.values().stream().filter(h -> h.site.equals(site)).count();
        }

        private void provisionVm() {
            List<Host> active = hosts.values().stream().filter(h -> h.state == HostState.ACTIVE).toList();
            if (active.isEmpty() || projects.isEmpty()) {
                return;
            }
            Host host = active.get(random.nextInt(active.size()));
            long memory = 1_024L * (1 + random.nextInt(8));
            if (host.allocated + memory > host.capacity) {
                return;
            }
            Vm vm = new Vm("vm-" + (++ids), host.site, host.id, pick(projects), memory);
            vm.platformId = random.nextBoolean() ? "os-" + ids : null;
            vms.put(vm.id, vm);
            emit("VirtualMachine", vm.id, new VmProvisioned(vm.id, "web-" + ids, vm.site, vm.host, vm.project,
                    Environment.values()[random.nextInt(Environment.values().length)], 1 + random.nextInt(8),
                    memory, vm.platformId));
            allocate(host, vm.id, memory);
        }

        private void startOrStopVm() {
            Vm vm = placedVm();
            if (vm != null) {
                vm.state = vm.state == VmState.ACTIVE ? VmState.SHUTOFF : VmState.ACTIVE;
                emit("VirtualMachine", vm.id, vm.state == VmState.ACTIVE ? new VmStarted(vm.id, vm.site, vm.host)
                        : new VmStopped(vm.id, vm.site, vm.host));
            }
        }

        private void resizeVm() {
            Vm vm = placedVm();
            if (vm == null || vm.migration != null) {
                return;
            }
            Host host = hosts.get(vm.host);
            long memory = 1_024L * (1 + random.nextInt(8));
            if (memory == vm.memory || host.allocated - vm.memory + memory > host.capacity) {
                return;
            }
            int vcpus = 1 + random.nextInt(8);
            emit("VirtualMachine", vm.id, new VmResized(vm.id, vm.site, vm.host, vcpus, memory, vm.vcpus, vm.memory));
            vm.vcpus = vcpus;
            release(host, vm.id);
            allocate(host, vm.id, memory);
            vm.memory = memory;
        }

        private void renameOrRetagVm() {
            Vm vm = placedVm();
            if (vm == null) {
                return;
            }
            if (random.nextBoolean()) {
                String previous = vm.name;
                vm.name = "app-" + (++ids);
                emit("VirtualMachine", vm.id, new VmRenamed(vm.id, vm.name, previous));
            } else {
                Map<String, String> tags = new HashMap<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    tags.put(List.of("tier", "team", "backup").get(random.nextInt(3)), "v" + random.nextInt(5));
                }
                emit("VirtualMachine", vm.id, new VmRetagged(vm.id, tags));
            }
        }

        private void requestMigration() {
            Vm vm = placedVm();
            if (vm == null || vm.migration != null) {
                return;
            }
            List<Host> targets = targetsFor(vm);
            if (!targets.isEmpty()) {
                requestMigration(vm, targets.get(random.nextInt(targets.size())));
            }
        }

        private List<Host> targetsFor(Vm vm) {
            return hosts.values().stream()
                    .filter(h -> h.state == HostState.ACTIVE && !h.id.equals(vm.host))
                    .filter(h -> h.allocated + vm.memory <= h.capacity)
                    .filter(h -> h.site.equals(vm.site) || vm.volumes.isEmpty())
                    .toList();
        }

        private void requestMigration(Vm vm, Host target) {
            MigrationKind kind = target.site.equals(vm.site) ? MigrationKind.HOST_TO_HOST
                    : SITES.get(target.site) == SITES.get(vm.site) ? MigrationKind.SITE_TO_SITE
                    : MigrationKind.CROSS_PLATFORM;
            vm.migration = new Migration("m-" + (++ids), kind, target.site, target.id);
            emit("VirtualMachine", vm.id, new MigrationRequested(vm.migration.id, vm.id, kind, vm.site, vm.host,
                    SITES.get(vm.site), target.site, target.id, SITES.get(target.site), vm.memory, null));
            allocate(target, vm.id, vm.memory);
        }

        private void advanceMigration() {
            List<Vm> moving = vms.values().stream().filter(v -> v.migration != null).toList();
            if (moving.isEmpty()) {
                return;
            }
            Vm vm = moving.get(random.nextInt(moving.size()));
            Migration m = vm.migration;
            int roll = random.nextInt(10);
            if (!m.started && roll < 4) {
                m.started = true;
                emit("VirtualMachine", vm.id, new MigrationStarted(m.id, vm.id, null));
            } else if (roll < 7) {
                completeMigration(vm);
            } else {
                emit("VirtualMachine", vm.id, roll == 7 ? new MigrationFailed(m.id, vm.id, vm.host, m.targetHost,
                        "platform error", null) : new MigrationRolledBack(m.id, vm.id, vm.host, m.targetHost,
                        "operator abort", null));
                vm.migration = null;
                release(hosts.get(m.targetHost), vm.id);
            }
        }

        private void completeMigration(Vm vm) {
            Migration m = vm.migration;
            String platformId = m.kind == MigrationKind.CROSS_PLATFORM ? "pf-" + (++ids)
                    : random.nextBoolean() ? null : vm.platformId;
            emit("VirtualMachine", vm.id, new MigrationCompleted(m.id, vm.id, m.kind, vm.site, vm.host,
                    m.targetSite, m.targetHost, vm.platformId, platformId, null));
            Host source = hosts.get(vm.host);
            if (!vm.site.equals(m.targetSite)) {
                crossSiteMoves++;
            }
            vm.site = m.targetSite;
            vm.host = m.targetHost;
            if (platformId != null) {
                vm.platformId = platformId;
            }
            vm.migration = null;
            release(source, vm.id);
        }

        /**
         * What an upgrade campaign does to a host, so that every history has a host retired after it held VMs: into
         * maintenance, each VM moved to another host with room, then decommissioned. Hosts that cannot be emptied
         * (a migration under way, no room elsewhere) are left alone.
         */
        private void evacuateAndDecommissionAHost() {
            for (Host host : List.copyOf(hosts.values())) {
                List<Vm> on = vms.values().stream()
                        .filter(v -> v.state != VmState.DECOMMISSIONED && v.host.equals(host.id)).toList();
                boolean movable = host.state != HostState.DECOMMISSIONED && on.size() == host.held.size()
                        && on.stream().allMatch(v -> v.migration == null && !targetsFor(v).isEmpty());
                if (!movable) {
                    continue;
                }
                if (host.state == HostState.ACTIVE) {
                    host.state = HostState.MAINTENANCE;
                    emit("Host", host.id, new HostMaintenanceStarted(host.id, host.site));
                }
                for (Vm vm : on) {
                    List<Host> targets = targetsFor(vm);
                    if (targets.isEmpty()) {
                        return;
                    }
                    requestMigration(vm, targets.get(0));
                    completeMigration(vm);
                }
                host.state = HostState.DECOMMISSIONED;
                emit("Host", host.id, new HostDecommissioned(host.id, host.site));
                return;
            }
        }

        private void moveAVmToAnotherSite() {
            for (Vm vm : vms.values()) {
                if (vm.state == VmState.DECOMMISSIONED || vm.migration != null) {
                    continue;
                }
                List<Host> elsewhere = targetsFor(vm).stream().filter(h -> !h.site.equals(vm.site)).toList();
                if (!elsewhere.isEmpty()) {
                    requestMigration(vm, elsewhere.get(0));
                    completeMigration(vm);
                    return;
                }
            }
        }

        private void decommissionVm() {
            Vm vm = placedVm();
            if (vm == null || vm.migration != null || !vm.volumes.isEmpty() || random.nextBoolean()) {
                return;
            }
            vm.state = VmState.DECOMMISSIONED;
            emit("VirtualMachine", vm.id, new VmDecommissioned(vm.id, vm.site, vm.host));
            release(hosts.get(vm.host), vm.id);
        }

        private void createVolume() {
            if (sites.isEmpty() || projects.isEmpty()) {
                return;
            }
            Volume volume = new Volume("vol-" + (++ids), pick(sites));
            volumes.put(volume.id, volume);
            emit("Volume", volume.id, new VolumeCreated(volume.id, "data-" + ids, volume.site, pick(projects),
                    10L * (1 + random.nextInt(50))));
        }

        private void changeVolume() {
            List<Volume> live = volumes.values().stream().filter(v -> v.state != VolumeState.DELETED).toList();
            if (live.isEmpty()) {
                return;
            }
            Volume volume = live.get(random.nextInt(live.size()));
            if (volume.state == VolumeState.IN_USE) {
                Vm vm = vms.get(volume.vm);
                emit("Volume", volume.id, new VolumeDetached(volume.id, vm.id, volume.site));
                emit("VirtualMachine", vm.id, new VmVolumeDetached(vm.id, volume.id));
                vm.volumes.remove(volume.id);
                volume.state = VolumeState.AVAILABLE;
                volume.vm = null;
                return;
            }
            List<Vm> here = vms.values().stream().filter(v -> v.state != VmState.DECOMMISSIONED)
                    .filter(v -> v.migration == null && v.site.equals(volume.site)).toList();
            if (here.isEmpty() || random.nextInt(4) == 0) {
                volume.state = VolumeState.DELETED;
                emit("Volume", volume.id, new VolumeDeleted(volume.id, volume.site));
                return;
            }
            Vm vm = here.get(random.nextInt(here.size()));
            emit("Volume", volume.id, new VolumeAttached(volume.id, vm.id, volume.site));
            emit("VirtualMachine", vm.id, new VmVolumeAttached(vm.id, volume.id));
            vm.volumes.add(volume.id);
            volume.state = VolumeState.IN_USE;
            volume.vm = vm.id;
        }

        private void createContainer() {
            if (sites.isEmpty() || projects.isEmpty() || containers.size() >= 8) {
                return;
            }
            Container container = new Container("ctr-" + (++ids), someSites());
            containers.put(container.id, container);
            emit("Container", container.id, new ContainerCreated(container.id, "bucket-" + ids, pick(projects),
                    Set.copyOf(container.sites)));
            container.sites.forEach(site -> container.status.put(site, ReplicaStatus.UNKNOWN));
        }

        private void changeContainer() {
            if (containers.isEmpty()) {
                return;
            }
            Container container = pick(containers.values());
            if (random.nextInt(3) == 0) {
                Set<String> policy = someSites();
                if (!policy.equals(container.sites)) {
                    emit("Container", container.id, new ReplicaPolicyChanged(container.id, Set.copyOf(policy),
                            Set.copyOf(container.sites)));
                    container.status.keySet().retainAll(policy);
                    policy.forEach(site -> container.status.putIfAbsent(site, ReplicaStatus.UNKNOWN));
                    container.sites = policy;
                }
                return;
            }
            String site = pick(container.sites);
            ReplicaStatus status = List.of(ReplicaStatus.IN_SYNC, ReplicaStatus.LAGGING, ReplicaStatus.MISSING)
                    .get(random.nextInt(3));
            emit("Container", container.id, new ReplicaStatusReported(container.id, site, status,
                    container.status.put(site, status), random.nextBoolean() ? null : random.nextInt(900)
                    + " objects behind"));
        }

        private void changeHost() {
            List<Host> live = hosts.values().stream().filter(h -> h.state != HostState.DECOMMISSIONED).toList();
            if (live.isEmpty()) {
                return;
            }
            Host host = live.get(random.nextInt(live.size()));
            int roll = random.nextInt(5);
            if (roll == 0) {
                host.temporary = !host.temporary;
                emit("Host", host.id, new HostTemporaryChanged(host.id, host.site, host.temporary));
            } else if (host.state == HostState.MAINTENANCE && host.held.isEmpty() && roll == 1) {
                emit("Host", host.id, new HostUpgraded(host.id, host.site, "2025." + random.nextInt(12)));
            } else if (host.held.isEmpty() && roll == 2) {
                host.state = HostState.DECOMMISSIONED;
                emit("Host", host.id, new HostDecommissioned(host.id, host.site));
            } else if (host.state == HostState.MAINTENANCE) {
                host.state = HostState.ACTIVE;
                emit("Host", host.id, new HostMaintenanceEnded(host.id, host.site));
            } else {
                host.state = HostState.MAINTENANCE;
                emit("Host", host.id, new HostMaintenanceStarted(host.id, host.site));
            }
        }

        private void unknownEventOnAVm() {
            Vm vm = placedVm();
            if (vm != null && random.nextInt(3) == 0) {
                emit("VirtualMachine", vm.id, new UnknownEvent("dev.twinledger.api.future.VmPinned",
                        "{\"vmId\":\"" + vm.id + "\"}"));
            }
        }

        private void allocate(Host host, String vmId, long memory) {
            host.held.merge(vmId, memory, Long::sum);
            host.allocated += memory;
            emit("Host", host.id, new HostMemoryAllocated(host.id, host.site, vmId, memory, host.allocated,
                    host.capacity));
            alerts(host);
        }

        private void release(Host host, String vmId) {
            long memory = host.held.remove(vmId);
            host.allocated -= memory;
            emit("Host", host.id, new HostMemoryReleased(host.id, host.site, vmId, memory, host.allocated,
                    host.capacity));
            alerts(host);
        }

        private void alerts(Host host) {
            double percent = host.allocated * 100.0 / host.capacity;
            if (percent >= 80 && host.openAlert == null) {
                host.openAlert = host.id + ":" + (++host.alerts);
                emit("Host", host.id, new CapacityAlertRaised(host.openAlert, host.id, host.site,
                        AlertSeverity.WARNING, host.allocated, host.capacity, percent, 80.0));
            } else if (percent < 80 && host.openAlert != null) {
                emit("Host", host.id, new CapacityAlertCleared(host.openAlert, host.id, host.site,
                        AlertSeverity.WARNING, host.allocated, host.capacity, percent));
                host.openAlert = null;
            }
        }

        private Vm placedVm() {
            List<Vm> placed = vms.values().stream().filter(v -> v.state != VmState.DECOMMISSIONED).toList();
            return placed.isEmpty() ? null : placed.get(random.nextInt(placed.size()));
        }

        private Set<String> someSites() {
            Set<String> chosen = new TreeSet<>();
            for (String site : sites) {
                if (random.nextBoolean()) {
                    chosen.add(site);
                }
            }
            if (chosen.isEmpty()) {
                chosen.add(pick(sites));
            }
            return chosen;
        }

        private <T> T pick(Collection<T> values) {
            List<T> list = new ArrayList<>(values);
            return list.get(random.nextInt(list.size()));
        }

        private void emit(String aggregateType, String aggregateId, Object payload) {
            out.add(new Emitted(aggregateType, aggregateId, payload, clock));
            counts.merge(payload.getClass().getSimpleName(), 1, Integer::sum);
        }

        private static final class Host {
            final String id;
            final String site;
            long capacity;
            long allocated;
            boolean temporary;
            HostState state = HostState.ACTIVE;
            final Map<String, Long> held = new HashMap<>();
            String openAlert;
            int alerts;

            Host(String id, String site) {
                this.id = id;
                this.site = site;
            }
        }

        private static final class Vm {
            final String id;
            final String project;
            String site;
            String host;
            String name;
            String platformId;
            int vcpus;
            long memory;
            VmState state = VmState.ACTIVE;
            Migration migration;
            final Set<String> volumes = new HashSet<>();

            Vm(String id, String site, String host, String project, long memory) {
                this.id = id;
                this.site = site;
                this.host = host;
                this.project = project;
                this.memory = memory;
            }
        }

        private static final class Migration {
            final String id;
            final MigrationKind kind;
            final String targetSite;
            final String targetHost;
            boolean started;

            Migration(String id, MigrationKind kind, String targetSite, String targetHost) {
                this.id = id;
                this.kind = kind;
                this.targetSite = targetSite;
                this.targetHost = targetHost;
            }
        }

        private static final class Volume {
            final String id;
            final String site;
            VolumeState state = VolumeState.AVAILABLE;
            String vm;

            Volume(String id, String site) {
                this.id = id;
                this.site = site;
            }
        }

        private static final class Container {
            final String id;
            Set<String> sites;
            final Map<String, ReplicaStatus> status = new TreeMap<>();

            Container(String id, Set<String> sites) {
                this.id = id;
                this.sites = sites;
            }
        }
    }
}
