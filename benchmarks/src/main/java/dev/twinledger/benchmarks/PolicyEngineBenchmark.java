package dev.twinledger.benchmarks;

import dev.twinledger.api.inventory.Environment;
import dev.twinledger.policies.evaluation.AccessEngine;
import dev.twinledger.policies.evaluation.Decision;
import dev.twinledger.policies.grant.AccessState;
import dev.twinledger.policies.grant.Principal;
import dev.twinledger.policies.history.AccessHistory;
import dev.twinledger.policies.permission.Permission;
import dev.twinledger.policies.permission.Permissions;
import dev.twinledger.policies.scope.ResourceRef;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The policies engine on an access state of {@code users} principals, {@code groups} groups and {@code grants}
 * grants with a skewed distribution (see {@link AccessStateGenerator}); settings come from {@link BenchmarkMain}.
 * The method names are reported as they are: keep them stable.
 * <ul>
 *   <li>{@code checkDirect}, {@code checkViaGroups}, {@code checkBusiestUser}, {@code checkDenied}: one
 *   {@link AccessEngine#check} on a prepared engine;</li>
 *   <li>{@code checkAsOf}: what the query side does per request: the engine over {@link AccessHistory#at} for a past
 *   instant, then the check;</li>
 *   <li>{@code whatCanDoFirstPage}, {@code whoCanFirstPage}: the engine's answer, cut to the API's first page;</li>
 *   <li>{@code foldHistory}: {@link AccessHistory#apply} of the whole history of the state (events/s = the event
 *   count printed at setup / the time).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PolicyEngineBenchmark {

    /** The API's default page size. */
    private static final int PAGE = 50;
    private static final Instant PAST = AccessStateGenerator.NOW.minus(Duration.ofDays(120));

    @Param("10000")
    public int users;

    @Param("500")
    public int groups;

    @Param("100000")
    public int grants;

    private AccessEngine engine;
    private final ResourceRef resource = ResourceRef.vm("vm-42", "dc1", Environment.PROD, "p3");
    /** A site no grant names: every vm:provision grant of the user's groups is out of scope. */
    private final ResourceRef elsewhere = ResourceRef.vm("vm-43", "dc3", Environment.PROD, "p3");
    private final Principal direct = Principal.user(AccessStateGenerator.DIRECT_USER);
    private final Principal viaGroups = Principal.user(AccessStateGenerator.GROUP_USER);
    private final Principal busiestUser = Principal.user("u0");

    @Setup
    public void setUp() {
        AccessState state = AccessStateGenerator.generate(users, groups, grants, 42L);
        engine = new AccessEngine(state);
        if (!(check(direct) instanceof Decision.Allowed) || !(check(viaGroups) instanceof Decision.Allowed)
                || checkDenied().allowed()) {
            throw new IllegalStateException("benchmark subjects must be allowed, the denied one denied");
        }
    }

    /** The generated state's history, for the benchmarks that fold it; apart so the others need not fold. */
    @State(Scope.Benchmark)
    public static class History {

        @Param("10000")
        public int users;

        @Param("500")
        public int groups;

        @Param("100000")
        public int grants;

        AccessHistoryEvents events;
        AccessHistory history;

        @Setup
        public void setUp() {
            events = AccessHistoryEvents.of(AccessStateGenerator.generate(users, groups, grants, 42L));
            history = events.fold();
            System.out.println("history: " + events.size() + " events");
        }
    }

    private Decision check(Principal principal) {
        return engine.check(principal, Permissions.VM_PROVISION, resource, AccessStateGenerator.NOW);
    }

    /** Rights from the user's own grants only (no group memberships). */
    @Benchmark
    public Decision checkDirect() {
        return check(direct);
    }

    /** Rights only through group membership: three groups, one of them the busiest. */
    @Benchmark
    public Decision checkViaGroups() {
        return check(viaGroups);
    }

    /** The user holding the most grants under the skewed distribution (direct grants and its groups'). */
    @Benchmark
    public Decision checkBusiestUser() {
        return check(busiestUser);
    }

    /** Denied: every vm:provision grant reaching the user through its groups is on another site. */
    @Benchmark
    public Decision checkDenied() {
        return engine.check(viaGroups, Permissions.VM_PROVISION, elsewhere, AccessStateGenerator.NOW);
    }

    /** A check at a past instant as the query side answers it: the engine over the history at that instant. */
    @Benchmark
    public Decision checkAsOf(History folded) {
        return new AccessEngine(folded.history.at(PAST)).check(viaGroups, Permissions.VM_PROVISION, resource, PAST);
    }

    /** What the user in the busiest groups can do, first page. */
    @Benchmark
    public List<Map.Entry<dev.twinledger.policies.scope.Scope, Set<Permission>>> whatCanDoFirstPage() {
        return engine.whatCanDo(viaGroups, AccessStateGenerator.NOW).entrySet().stream().limit(PAGE).toList();
    }

    /** Who can provision the benchmark VM, first page. */
    @Benchmark
    public AccessEngine.WhoCanPage whoCanFirstPage() {
        return engine.whoCan(Permissions.VM_PROVISION, resource, AccessStateGenerator.NOW, 0, PAGE);
    }

    /** The whole history folded from empty. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public AccessHistory foldHistory(History folded) {
        return folded.events.fold();
    }
}
