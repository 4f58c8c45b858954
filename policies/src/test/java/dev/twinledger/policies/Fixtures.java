package dev.twinledger.policies;

import dev.twinledger.api.inventory.Environment;
import dev.twinledger.policies.grant.EventStamp;
import dev.twinledger.policies.grant.Grant;
import dev.twinledger.policies.grant.GroupMembership;
import dev.twinledger.policies.grant.Justification;
import dev.twinledger.policies.grant.Principal;
import dev.twinledger.policies.grant.Validity;
import dev.twinledger.policies.scope.ResourceRef;
import dev.twinledger.policies.scope.Scope;

import java.time.Duration;
import java.time.Instant;

/** Shared test data: instants a day apart, event stamps, grants and memberships in one line each. */
public final class Fixtures {

    /** The first day of the tests' calendar. */
    public static final Instant DAY_0 = Instant.parse("2025-03-01T00:00:00Z");

    /** The production scope at dc1. */
    public static final Scope DC1_PROD = Scope.EVERYWHERE.withSite("dc1").withEnvironment(Environment.PROD);

    /** A production VM at dc1. */
    public static final ResourceRef WEB_1 = ResourceRef.vm("web-1", "dc1", Environment.PROD, "shop");

    /** The same VM name at dc2. */
    public static final ResourceRef WEB_2 = ResourceRef.vm("web-2", "dc2", Environment.PROD, "shop");

    private Fixtures() {
    }

    /** {@code n} days after {@link #DAY_0}. */
    public static Instant day(long n) {
        return DAY_0.plus(Duration.ofDays(n));
    }

    /** An event stamp by {@code actor} on day {@code n}; the event id and position are derived from both. */
    public static EventStamp stamp(String actor, long n) {
        return new EventStamp(actor, day(n), "e-" + actor + "-" + n, n);
    }

    /** Valid from day {@code from} on. */
    public static Validity from(long from) {
        return Validity.startingAt(day(from));
    }

    /** Valid from day {@code from} until day {@code until}. */
    public static Validity between(long from, long until) {
        return Validity.between(day(from), day(until));
    }

    /** An active grant needing no approval, requested by {@code admin} on day 0, valid from day 0 on. */
    public static Grant grant(String id, Principal principal, String role, Scope scope) {
        return grant(id, principal, role, scope, from(0));
    }

    /** An active grant needing no approval, requested by {@code admin} on day 0. */
    public static Grant grant(String id, Principal principal, String role, Scope scope, Validity validity) {
        return Grant.requested(id, principal, role, scope, validity, Justification.of("needed for tests"), false,
                stamp("admin", 0));
    }

    /** A grant that needs approval, requested by {@code admin} on day 0, valid from day 0 on, not yet approved. */
    public static Grant pending(String id, Principal principal, String role, Scope scope) {
        return Grant.requested(id, principal, role, scope, from(0), Justification.of("needed for tests"), true,
                stamp("admin", 0));
    }

    /** {@code user} a member of {@code group} during {@code validity}, added by {@code admin} on day 0. */
    public static GroupMembership member(String group, String user, Validity validity) {
        return new GroupMembership(group, user, validity, stamp("admin", 0));
    }
}
