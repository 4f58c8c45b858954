package dev.twinledger.queryside.access;

import dev.twinledger.api.EventMetadata;
import dev.twinledger.api.access.AccessDenied;
import dev.twinledger.api.access.AccessDirectory;
import dev.twinledger.api.access.AccessScope;
import dev.twinledger.api.access.GrantApproved;
import dev.twinledger.api.access.GrantExpired;
import dev.twinledger.api.access.GrantRejected;
import dev.twinledger.api.access.GrantRequested;
import dev.twinledger.api.access.GrantRevoked;
import dev.twinledger.api.access.GroupCreated;
import dev.twinledger.api.access.GroupMemberAdded;
import dev.twinledger.api.access.GroupMemberRemoved;
import dev.twinledger.api.access.PrincipalRef;
import dev.twinledger.api.access.RoleDefined;
import dev.twinledger.api.access.RoleRetired;
import dev.twinledger.api.inventory.Environment;
import dev.twinledger.policies.grant.Principal;
import dev.twinledger.policies.permission.Permission;
import dev.twinledger.policies.scope.ResourceRef;
import dev.twinledger.policies.scope.Scope;
import dev.twinledger.projections.testing.ProjectionHarness;
import dev.twinledger.projections.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consistency test of issue 4, in the style of SpiceDB's: a random access history (seeded, the seed printed) of
 * role definitions and changes, groups, time-bounded and open memberships and removals, grants to users and groups on
 * random scopes over two sites, environments, projects and single resources, some ending by themselves, privileged
 * ones approved or rejected, revocations and recorded expiries, with denied attempts interleaved. It is fed through
 * the real projection processor into PostgreSQL; then the query side's answers to "what can P do", "who can do A on
 * R" and the access matrix must equal those of {@link NaiveAccessReference} at the present instant and at many past
 * ones (random instants and the exact instants of events and validity bounds).
 *
 * <p>Run with {@code -Daccess.seed=N} to replay a failing history.
 */
class AccessConsistencyTest {

    private static final long SEED = Long.getLong("access.seed", System.nanoTime());
    private static final int EVENTS = 700;
    private static final int RANDOM_INSTANTS = 24;

    private static final List<String> USERS = List.of("ann", "bob", "cat", "dan", "eve", "fay", "gus", "hal");
    private static final List<String> GROUPS = List.of("ops", "dbas", "audit");
    private static final List<String> ROLES = List.of("reader", "deployer", "mover", "admin", "checker", "temp");
    private static final List<String> PERMISSIONS = List.of("inventory:read", "vm:provision", "vm:operate",
            "vm:migrate", "host:maintenance", "audit:read", "grant:create", "campaign:run");
    private static final List<String> SITES = List.of("dc1", "dc2");
    private static final List<Environment> ENVIRONMENTS = List.of(Environment.PROD, Environment.DEV);
    private static final List<String> PROJECTS = List.of("shop", "tenders");
    private static final List<NaiveAccessReference.Resource> RESOURCES = List.of(
            new NaiveAccessReference.Resource("vm", "vm-1", "dc1", Environment.PROD, "shop"),
            new NaiveAccessReference.Resource("vm", "vm-2", "dc2", Environment.DEV, "tenders"),
            new NaiveAccessReference.Resource("vm", "vm-3", "dc1", Environment.DEV, "tenders"),
            new NaiveAccessReference.Resource("vm", "vm-4", "dc2", Environment.PROD, "shop"),
            new NaiveAccessReference.Resource("vm", "vm-5", "dc1", Environment.PROD, "tenders"),
            new NaiveAccessReference.Resource("host", "h-1", "dc1", null, null),
            new NaiveAccessReference.Resource("host", "h-2", "dc2", null, null));

    private static TestDatabase database;
    private static SingleConnectionDataSource connection;
    private static AccessEvaluator evaluator;
    private static final NaiveAccessReference reference = new NaiveAccessReference();
    private static final List<String> log = new ArrayList<>();
    private static final List<Instant> instants = new ArrayList<>();

    @BeforeAll
    static void feedARandomHistory() {
        System.out.println("AccessConsistencyTest seed=" + SEED + " (replay with -Daccess.seed=" + SEED + ")");
        database = TestDatabase.createMigrated(AccessConsistencyTest.class);
        List<Timed> history = new Generator(new Random(SEED)).generate();
        try (ProjectionHarness harness = ProjectionHarness.start(database.dataSource())) {
            long last = 0;
            for (Timed event : history) {
                last = harness.nextPosition();
                Map<String, String> meta = Map.of(EventMetadata.ACTOR_USERNAME, event.actor());
                harness.publish(event.payload() instanceof AccessDenied
                        ? ProjectionHarness.standalone(event.payload(), last, event.at(), meta)
                        : harness.onStream("AccessDirectory", AccessDirectory.ID, event.payload(), last, event.at(),
                                meta));
                reference.fold(event.payload(), event.at());
                log.add(last + " " + event.at() + " " + event.actor() + " " + event.payload());
            }
            harness.await(last);
        }
        // One connection, as a pool would lend it: the test data source opens a connection per statement.
        connection = new SingleConnectionDataSource(database.jdbcUrl(), database.user(), "", true);
        evaluator = new AccessEvaluator(new FoldedAccessHistory(connection));
        chooseInstants(history, new Random(SEED + 1));
    }

    @AfterAll
    static void dropDatabase() {
        connection.destroy();
        database.close();
    }

    @Test
    void whatEachPrincipalCanDoAgreesWithTheReference() {
        for (Instant t : instants) {
            for (String user : USERS) {
                agree("what can user:" + user + " do", t, reference.whatCanDo(false, user, t),
                        whatCanDo(Principal.user(user), t));
            }
            for (String group : GROUPS) {
                agree("what can group:" + group + " do", t, reference.whatCanDo(true, group, t),
                        whatCanDo(Principal.group(group), t));
            }
        }
    }

    @Test
    void whoCanDoEachActionOnEachResourceAgreesWithTheReference() {
        for (Instant t : instants) {
            for (NaiveAccessReference.Resource resource : RESOURCES) {
                for (String permission : PERMISSIONS) {
                    Map<String, Set<String>> actual = new TreeMap<>();
                    ResourceRef ref = new ResourceRef(resource.type(), resource.id(), resource.site(),
                            resource.environment(), resource.project());
                    // Read page by page (of 2), as the API does, so the pages together must be the whole answer.
                    List<UserAccessView> pages = new ArrayList<>();
                    for (int page = 0; ; page++) {
                        AccessEvaluator.Page<UserAccessView> cut = evaluator.whoCan(Permission.parse(permission), ref,
                                t, page, 2);
                        assertThat(cut.total()).isEqualTo(reference.whoCan(permission, resource, t).size());
                        if (cut.items().isEmpty()) {
                            break;
                        }
                        pages.addAll(cut.items());
                    }
                    pages.forEach(user -> actual.put(user.user(), user.paths().stream()
                                    .map(path -> path.grantId() + "/" + (path.via().equals("direct") ? ""
                                            : path.via()))
                                    .collect(Collectors.toCollection(TreeSet::new))));
                    agree("who can " + permission + " on " + resource, t,
                            reference.whoCan(permission, resource, t), actual);
                }
            }
        }
    }

    @Test
    void theMatrixOfEveryScopeAgreesWithTheReference() {
        List<AccessScope> scopes = new ArrayList<>();
        for (String site : nullAnd(SITES)) {
            for (Environment environment : nullAnd(ENVIRONMENTS)) {
                for (String project : nullAnd(PROJECTS)) {
                    scopes.add(new AccessScope(site, environment, project, null, null));
                }
            }
        }
        for (Instant t : instants) {
            for (AccessScope scope : scopes) {
                Map<String, Map<String, String>> actual = new TreeMap<>();
                evaluator.matrix(new Scope(scope.siteId(), scope.environment(), scope.project(), null, null), t)
                        .rows().forEach(row -> {
                            Map<String, String> cells = new TreeMap<>();
                            row.permissions().forEach((permission, coverage) -> cells.put(permission,
                                    coverage.name()));
                            actual.put(row.user(), cells);
                        });
                agree("matrix of " + NaiveAccessReference.key(scope), t, reference.matrix(scope, t), actual);
            }
        }
    }

    @Test
    void theHistoryExercisesWhatItShould() {
        // A history that never revokes, never expires or never reaches users through groups would prove little.
        assertThat(log).anyMatch(line -> line.contains("GrantRevoked"))
                .anyMatch(line -> line.contains("GrantRejected"))
                .anyMatch(line -> line.contains("GrantApproved"))
                .anyMatch(line -> line.contains("GrantExpired"))
                .anyMatch(line -> line.contains("GroupMemberRemoved"))
                .anyMatch(line -> line.contains("RoleRetired"))
                .anyMatch(line -> line.contains("AccessDenied"));
        long allowedSomewhere = instants.stream()
                .mapToLong(t -> RESOURCES.stream().mapToLong(r -> reference.whoCan("vm:provision", r, t).size())
                        .sum())
                .sum();
        assertThat(allowedSomewhere).as("some users may provision at some instants").isPositive();
        boolean throughGroups = instants.stream().anyMatch(t -> USERS.stream()
                .anyMatch(u -> reference.held(false, u, t).stream().anyMatch(e -> !e.getValue().isEmpty())));
        assertThat(throughGroups).as("some access comes through groups").isTrue();
        assertThat(instants).hasSizeGreaterThanOrEqualTo(RANDOM_INSTANTS + 1);
    }

    private static Map<String, Set<String>> whatCanDo(Principal principal, Instant t) {
        Map<String, Set<String>> actual = new TreeMap<>();
        for (ScopePermissionsView item : evaluator.whatCanDo(principal, t)) {
            ScopeView s = item.scope();
            actual.put(NaiveAccessReference.key(s.siteId(), s.environment(), s.project(), s.resourceType(),
                    s.resourceId()), new TreeSet<>(item.permissions()));
        }
        return actual;
    }

    /** Fails with the first disagreement, the seed, and a file holding the whole history. */
    private static void agree(String question, Instant t, Object expected, Object actual) {
        if (expected.equals(actual)) {
            return;
        }
        Path file = Path.of("target", "access-consistency-" + SEED + ".log");
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, log);
        } catch (IOException e) {
            file = Path.of("(not written: " + e + ")");
        }
        throw new AssertionError("seed " + SEED + ": " + question + " at " + t + " disagrees with the reference\n"
                + "  reference:  " + expected + "\n  query side: " + actual + "\n  the history (position, time, "
                + "actor, event) is in " + file.toAbsolutePath());
    }

    /** The present, random past instants, and the exact instants of events and of validity bounds. */
    private static void chooseInstants(List<Timed> history, Random random) {
        instants.add(Instant.now());
        Instant first = history.get(0).at().minus(Duration.ofDays(1));
        Instant last = history.get(history.size() - 1).at().plus(Duration.ofDays(1));
        long span = last.toEpochMilli() - first.toEpochMilli();
        for (int i = 0; i < RANDOM_INSTANTS; i++) {
            instants.add(Instant.ofEpochMilli(first.toEpochMilli() + (long) (random.nextDouble() * span)));
        }
        for (int i = 0; i < 8; i++) {
            Timed event = history.get(random.nextInt(history.size()));
            instants.add(event.at());
            instants.add(event.at().minusMillis(1));
        }
        List<NaiveAccessReference.GrantRecord> grants = new ArrayList<>(reference.grants.values());
        for (int i = 0; i < 6; i++) {
            NaiveAccessReference.GrantRecord grant = grants.get(random.nextInt(grants.size()));
            instants.add(grant.from);
            if (grant.until != null) {
                instants.add(grant.until);
            }
        }
        instants.removeIf(t -> t.isAfter(Instant.now()));
    }

    private static <T> List<T> nullAnd(List<T> values) {
        List<T> all = new ArrayList<>();
        all.add(null);
        all.addAll(values);
        return all;
    }

    /** An event, when it was stored, and by whom. */
    private record Timed(Object payload, Instant at, String actor) {
    }

    /**
     * Generates a history the command side could have stored: each approval, rejection, revocation and expiry is of
     * a grant in the state that allows it, every event instant lies in the past and later than the one before.
     */
    private static final class Generator {

        private final Random random;
        private final List<Timed> events = new ArrayList<>();
        private final Map<String, Boolean> privileged = new LinkedHashMap<>();
        private final Set<String> liveRoles = new TreeSet<>();
        private final List<String> groups = new ArrayList<>();
        private final Map<String, GrantRequested> open = new LinkedHashMap<>();
        private final Set<String> pending = new TreeSet<>();
        private final Set<String> expired = new TreeSet<>();
        private final List<String> memberPairs = new ArrayList<>();
        private Instant now = Instant.now().minus(Duration.ofDays(150)).truncatedTo(ChronoUnit.MILLIS);
        private int grantCount;

        Generator(Random random) {
            this.random = random;
        }

        List<Timed> generate() {
            for (String role : ROLES.subList(0, 4)) {
                defineRole(role);
            }
            for (String group : GROUPS) {
                emit(new GroupCreated(group, "group " + group, "root"));
                groups.add(group);
            }
            while (events.size() < EVENTS) {
                int dice = random.nextInt(100);
                if (dice < 6) {
                    defineRole(pick(ROLES));
                } else if (dice < 8 && !liveRoles.isEmpty()) {
                    String role = pick(new ArrayList<>(liveRoles));
                    liveRoles.remove(role);
                    emit(new RoleRetired(role, "root", "no longer needed"));
                } else if (dice < 20) {
                    addMember();
                } else if (dice < 26 && !memberPairs.isEmpty()) {
                    String[] pair = pick(memberPairs).split("/");
                    emit(new GroupMemberRemoved(pair[0], pair[1], "root", "moved on"));
                } else if (dice < 56 && !liveRoles.isEmpty()) {
                    requestGrant();
                } else if (dice < 66 && !pending.isEmpty()) {
                    String id = pick(new ArrayList<>(pending));
                    pending.remove(id);
                    emit(new GrantApproved(id, "second"));
                } else if (dice < 70 && !pending.isEmpty()) {
                    String id = pick(new ArrayList<>(pending));
                    pending.remove(id);
                    open.remove(id);
                    emit(new GrantRejected(id, "second", "not justified"));
                } else if (dice < 80 && !open.isEmpty()) {
                    String id = pick(new ArrayList<>(open.keySet()));
                    pending.remove(id);
                    open.remove(id);
                    emit(new GrantRevoked(id, "root", "no longer needed"));
                } else if (dice < 92) {
                    recordAnExpiry();
                } else {
                    events.add(new Timed(new AccessDenied(pick(USERS), "vm:provision", "vm", "vm-1", "dc1",
                            Environment.PROD, "shop", "permission", "missing vm:provision", null, "POST /api/vms"),
                            tick(), "system"));
                }
            }
            return events;
        }

        private void defineRole(String role) {
            Set<String> permissions = new TreeSet<>();
            int count = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(4);
            while (permissions.size() < count) {
                permissions.add(pick(PERMISSIONS));
            }
            boolean isPrivileged = random.nextInt(10) < 3;
            emit(new RoleDefined(role, permissions, isPrivileged, Set.of(), "root"));
            privileged.put(role, isPrivileged);
            liveRoles.add(role);
        }

        private void addMember() {
            String group = pick(groups);
            String user = pick(USERS);
            Instant at = tick();
            Instant[] validity = validity(at, 20);
            events.add(new Timed(new GroupMemberAdded(group, user, validity[0], validity[1], "root"), at, "root"));
            memberPairs.add(group + "/" + user);
        }

        private void requestGrant() {
            String id = "g-" + (++grantCount);
            String role = pick(new ArrayList<>(liveRoles));
            PrincipalRef principal = random.nextInt(10) < 7 ? PrincipalRef.user(pick(USERS))
                    : PrincipalRef.group(pick(groups));
            Instant at = tick();
            Instant[] validity = validity(at, 30);
            boolean approval = privileged.get(role);
            GrantRequested request = new GrantRequested(id, principal, role, scope(), validity[0], validity[1],
                    "needed for work", random.nextBoolean() ? null : "CHG-" + grantCount, "root", approval);
            events.add(new Timed(request, at, "root"));
            open.put(id, request);
            if (approval) {
                pending.add(id);
            }
        }

        /** The expiry deadline: records a grant that has reached its end and was not revoked. */
        private void recordAnExpiry() {
            Instant at = tick();
            for (Map.Entry<String, GrantRequested> entry : open.entrySet()) {
                Instant until = entry.getValue().validUntil();
                if (until != null && !until.isAfter(at) && expired.add(entry.getKey())) {
                    events.add(new Timed(new GrantExpired(entry.getKey(), until), at, "system"));
                    return;
                }
            }
            now = at;
        }

        private AccessScope scope() {
            String site = random.nextInt(3) == 0 ? null : pick(SITES);
            Environment environment = random.nextInt(3) == 0 ? null : pick(ENVIRONMENTS);
            String project = random.nextInt(3) == 0 ? null : pick(PROJECTS);
            if (random.nextInt(5) == 0) {
                NaiveAccessReference.Resource resource = pick(RESOURCES);
                return new AccessScope(random.nextBoolean() ? null : resource.site(),
                        random.nextBoolean() ? null : resource.environment(), null, resource.type(), resource.id());
            }
            if (random.nextInt(6) == 0) {
                return AccessScope.EVERYWHERE;
            }
            return new AccessScope(site, environment, project, null, null);
        }

        /** [from, until): from null (the event's instant {@code at}) or near it, until null or some days on. */
        private Instant[] validity(Instant at, int maxDays) {
            Instant from = random.nextInt(10) < 6 ? null
                    : at.plus(Duration.ofMinutes(random.nextInt(6 * 24 * 60) - 24 * 60));
            Instant start = from == null ? at : from;
            Instant until = random.nextBoolean() ? null
                    : start.plus(Duration.ofMinutes(60 + random.nextInt(maxDays * 24 * 60)));
            return new Instant[] {from, until};
        }

        private void emit(Object payload) {
            events.add(new Timed(payload, tick(), "root"));
        }

        private Instant tick() {
            now = now.plus(Duration.ofMinutes(1 + random.nextInt(300)));
            return now;
        }

        private <T> T pick(List<T> values) {
            return values.get(random.nextInt(values.size()));
        }
    }
}
