package dev.twinledger.policies.evaluation;

import dev.twinledger.policies.grant.GrantPath;
import dev.twinledger.policies.grant.Principal;
import dev.twinledger.policies.grant.Standing;
import dev.twinledger.policies.permission.Permission;
import dev.twinledger.policies.scope.ResourceRef;
import dev.twinledger.policies.scope.Scope;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The answer to "may this principal do this to this resource at this instant", with its reasons. Every component
 * of both kinds is non-null and every list unmodifiable.
 */
public sealed interface Decision permits Decision.Allowed, Decision.Denied {

    /** Who asked. */
    Principal principal();

    /** What was asked for. */
    Permission permission();

    /** On what. */
    ResourceRef resource();

    /** For which instant. */
    Instant at();

    /** Whether the answer is yes. */
    boolean allowed();

    /** The answer and its reasons as sentences, the answer first; for logs, problem details and auditors. */
    List<String> explanation();

    /**
     * Yes, through every path listed.
     *
     * @param paths each grant path that gives the permission on a scope covering the resource at {@code at}; not
     *              empty. A path's grant names who requested and approved it, when, and the granting event.
     */
    record Allowed(Principal principal, Permission permission, ResourceRef resource, Instant at,
                   List<GrantPath> paths) implements Decision {

        /** Checks that there is at least one path, and copies the list. */
        public Allowed {
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(permission, "permission");
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(at, "at");
            paths = List.copyOf(paths);
            if (paths.isEmpty()) {
                throw new IllegalArgumentException("an allowed decision needs a grant path");
            }
        }

        @Override
        public boolean allowed() {
            return true;
        }

        @Override
        public List<String> explanation() {
            List<String> lines = new ArrayList<>();
            lines.add(principal + " may " + permission + " on " + resource + " at " + at + ":");
            for (GrantPath path : paths) {
                lines.add(Explanations.describe(path));
            }
            return List.copyOf(lines);
        }
    }

    /**
     * No.
     *
     * @param needed     the scope on which {@code permission} is missing: exactly the resource, with its attributes.
     *                   Any grant of a role with the permission on a scope that covers the resource would do
     * @param notCounted paths that would have given the permission on a covering scope, but do not count at
     *                   {@code at} (revoked, pending, not yet valid, expired, membership not current), with why
     * @param outOfScope paths that give the permission at {@code at}, but on scopes that do not cover the resource
     */
    record Denied(Principal principal, Permission permission, ResourceRef resource, Instant at, Scope needed,
                  List<NotCounted> notCounted, List<GrantPath> outOfScope) implements Decision {

        /** Checks for nulls and copies the lists. */
        public Denied {
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(permission, "permission");
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(needed, "needed");
            notCounted = List.copyOf(notCounted);
            outOfScope = List.copyOf(outOfScope);
        }

        @Override
        public boolean allowed() {
            return false;
        }

        @Override
        public List<String> explanation() {
            List<String> lines = new ArrayList<>();
            lines.add(principal + " may not " + permission + " on " + resource + " at " + at + ": missing "
                    + permission + " on a scope covering " + needed);
            for (NotCounted unusable : notCounted) {
                lines.add(Explanations.describe(unusable.path()) + "; does not count: "
                        + Explanations.why(unusable.path(), unusable.standing()));
            }
            for (GrantPath path : outOfScope) {
                lines.add(Explanations.describe(path) + "; does not count: its scope " + path.grant().scope()
                        + " does not cover " + resource);
            }
            return List.copyOf(lines);
        }
    }

    /**
     * A path that would have given the permission, and why it does not at the instant asked about.
     *
     * @param path     the path; not null
     * @param standing why it does not count; not {@link Standing#EFFECTIVE}
     */
    record NotCounted(GrantPath path, Standing standing) {

        /** Checks that the standing is a reason not to count. */
        public NotCounted {
            Objects.requireNonNull(path, "path");
            if (Objects.requireNonNull(standing, "standing") == Standing.EFFECTIVE) {
                throw new IllegalArgumentException("an effective path counts");
            }
        }
    }
}
