package dev.twinledger.benchmarks;

import dev.twinledger.api.inventory.Environment;
import dev.twinledger.policies.evaluation.AccessEngine;
import dev.twinledger.policies.evaluation.Decision;
import dev.twinledger.policies.grant.AccessState;
import dev.twinledger.policies.grant.Principal;
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

import java.util.concurrent.TimeUnit;

/**
 * One {@link AccessEngine#check} per operation on an access state of {@code users} principals, {@code groups}
 * groups and {@code grants} grants (see {@link AccessStateGenerator}); settings come from {@link BenchmarkMain}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PolicyEngineBenchmark {

    @Param("10000")
    public int users;

    @Param("500")
    public int groups;

    @Param("100000")
    public int grants;

    private AccessEngine engine;
    private final ResourceRef resource = ResourceRef.vm("vm-42", "dc1", Environment.PROD, "p3");
    private final Principal direct = Principal.user(AccessStateGenerator.DIRECT_USER);
    private final Principal viaGroups = Principal.user(AccessStateGenerator.GROUP_USER);
    private final Principal busiestUser = Principal.user("u0");

    @Setup
    public void setUp() {
        AccessState state = AccessStateGenerator.generate(users, groups, grants, 42L);
        engine = new AccessEngine(state);
        if (!(check(direct) instanceof Decision.Allowed) || !(check(viaGroups) instanceof Decision.Allowed)) {
            throw new IllegalStateException("benchmark subjects must be allowed");
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

    /** Rights only through group membership: the user's paths include every grant of its three groups. */
    @Benchmark
    public Decision checkViaGroups() {
        return check(viaGroups);
    }

    /** The user holding the most grants under the skewed distribution (direct grants and its groups'). */
    @Benchmark
    public Decision checkBusiestUser() {
        return check(busiestUser);
    }
}
