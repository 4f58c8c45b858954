package dev.twinledger.benchmarks;

import dev.twinledger.api.inventory.Environment;
import dev.twinledger.policies.grant.AccessState;
import dev.twinledger.policies.grant.EventStamp;
import dev.twinledger.policies.grant.Grant;
import dev.twinledger.policies.grant.GroupMembership;
import dev.twinledger.policies.grant.Justification;
import dev.twinledger.policies.grant.Principal;
import dev.twinledger.policies.grant.Validity;
import dev.twinledger.policies.role.DefaultRoles;
import dev.twinledger.policies.scope.Scope;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic access state of a realistic size: users in groups, grants spread with a skewed (power-law-like)
 * distribution over principals, so that a few principals and groups hold many grants and most hold a few. Two
 * subjects are added on top: {@link #DIRECT_USER}, whose rights come from direct grants only, and
 * {@link #GROUP_USER}, whose rights come only through three groups (one of them the busiest group).
 */
public final class AccessStateGenerator {

    public static final String DIRECT_USER = "bench-direct";
    public static final String GROUP_USER = "bench-via-groups";
    public static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");
    public static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

    private static final String[] ROLES = {DefaultRoles.VIEWER, DefaultRoles.VIEWER, DefaultRoles.OPERATOR,
            DefaultRoles.OPERATOR, DefaultRoles.OPERATOR, DefaultRoles.AUDITOR, DefaultRoles.PLATFORM_ADMIN};
    private static final String[] SITES = {"dc1", "dc2"};

    private AccessStateGenerator() {
    }

    /** Skewed index in [0, n): u^exponent concentrates mass near 0. */
    static int skewed(SplittableRandom random, int n, double exponent) {
        return (int) Math.min(n - 1, Math.floor(n * Math.pow(random.nextDouble(), exponent)));
    }

    public static AccessState generate(int users, int groups, int grants, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<GroupMembership> memberships = new ArrayList<>();
        long position = 0;
        for (int u = 0; u < users; u++) {
            int count = 1 + random.nextInt(3);
            for (int m = 0; m < count; m++) {
                String group = "g" + skewed(random, groups, 2.0);
                memberships.add(new GroupMembership(group, "u" + u, Validity.startingAt(EPOCH),
                        stamp(position++)));
            }
        }
        List<Grant> all = new ArrayList<>(grants + 16);
        for (int i = 0; i < grants; i++) {
            Principal principal = random.nextInt(10) < 7
                    ? Principal.user("u" + skewed(random, users, 3.0))
                    : Principal.group("g" + skewed(random, groups, 3.0));
            String role = ROLES[random.nextInt(ROLES.length)];
            all.add(grant("gr" + i, principal, role, randomScope(random), random, position++));
        }
        // The two subjects of the micro-benchmark: a few unrelated grants, then one that allows vm:provision.
        Principal direct = Principal.user(DIRECT_USER);
        for (int i = 0; i < 8; i++) {
            all.add(grant("direct-" + i, direct, DefaultRoles.VIEWER, randomScope(random), random, position++));
        }
        all.add(grant("direct-allow", direct, DefaultRoles.OPERATOR, Scope.EVERYWHERE.withSite("dc1"), null,
                position++));
        for (String group : new String[] {"g0", "g7", "bench-group"}) {
            memberships.add(new GroupMembership(group, GROUP_USER, Validity.startingAt(EPOCH), stamp(position++)));
        }
        all.add(grant("group-allow", Principal.group("bench-group"), DefaultRoles.OPERATOR,
                Scope.EVERYWHERE.withSite("dc1"), null, position++));
        return AccessState.of(DefaultRoles.catalog(), all, memberships);
    }

    private static Scope randomScope(SplittableRandom random) {
        Scope scope = Scope.EVERYWHERE.withSite(SITES[random.nextInt(2)]);
        switch (random.nextInt(4)) {
            case 0 -> scope = scope.withEnvironment(Environment.values()[random.nextInt(Environment.values().length)]);
            case 1 -> scope = scope.withProject("p" + skewed(random, 200, 2.0));
            case 2 -> scope = scope.withResource("vm", "vm-" + random.nextInt(100_000));
            default -> { }
        }
        return scope;
    }

    private static Grant grant(String id, Principal principal, String role, Scope scope, SplittableRandom random,
                               long position) {
        Instant from = EPOCH.plus(Duration.ofHours(random == null ? 0 : random.nextInt(8_000)));
        Validity validity = random != null && random.nextInt(5) == 0
                ? Validity.between(from, from.plus(Duration.ofDays(30))) : Validity.startingAt(from);
        boolean privileged = DefaultRoles.PLATFORM_ADMIN.equals(role);
        Grant grant = Grant.requested(id, principal, role, scope, validity, Justification.of("generated"),
                privileged, new EventStamp("access-admin", from, "e" + position, position));
        if (privileged) {
            grant = grant.approve(new EventStamp("approver", from, "a" + position, position));
        }
        if (random != null && random.nextInt(20) == 0) {
            grant = grant.revoke(new EventStamp("access-admin", from.plus(Duration.ofDays(1)), "r" + position,
                    position));
        }
        return grant;
    }

    private static EventStamp stamp(long position) {
        return new EventStamp("access-admin", EPOCH, "m" + position, position);
    }
}
