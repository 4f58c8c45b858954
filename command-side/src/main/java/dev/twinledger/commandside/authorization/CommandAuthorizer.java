package dev.twinledger.commandside.authorization;

import dev.twinledger.api.access.AccessScope;
import dev.twinledger.commandside.authorization.CommandPermissions.Need;
import dev.twinledger.commandside.authorization.CommandPermissions.Needs;
import dev.twinledger.commandside.authorization.CommandPermissions.Requirement;
import dev.twinledger.commandside.authorization.CommandPermissions.Unregistered;
import dev.twinledger.commandside.domain.AccessRefused;
import dev.twinledger.commandside.domain.RuleViolation;
import dev.twinledger.commandside.domain.UnknownResource;
import dev.twinledger.policies.evaluation.AccessEngine;
import dev.twinledger.policies.evaluation.Decision;
import dev.twinledger.policies.grant.Principal;
import dev.twinledger.policies.permission.Permission;
import dev.twinledger.policies.scope.ResourceRef;
import dev.twinledger.policies.scope.Scope;

import java.time.Clock;
import java.time.Instant;

/**
 * Decides whether a caller may send a command, against the grants in the access directory as of the latest committed
 * access event ({@link AccessLookup}), before the command is dispatched: each permission the command needs
 * ({@link CommandPermissions}) on the resource it acts on, located in the event store ({@link ResourceLocator}).
 *
 * <p>A check is made at the later of the clock's now and the time of the latest access event: a revocation another
 * instance stored with a clock slightly ahead counts at once.
 */
public final class CommandAuthorizer {

    /** The rule name of a refusal because nobody registered what a command needs. */
    public static final String UNREGISTERED_COMMAND = "unregistered-command";

    private final AccessLookup lookup;
    private final ResourceLocator locator;
    private final CommandPermissions permissions;
    private final Clock clock;

    public CommandAuthorizer(AccessLookup lookup, ResourceLocator locator, CommandPermissions permissions,
                             Clock clock) {
        this.lookup = lookup;
        this.locator = locator;
        this.permissions = permissions;
        this.clock = clock;
    }

    /**
     * Returns when {@code username} may send {@code command}; the access directory's own commands always pass here
     * (its aggregate decides them).
     *
     * @param username the caller's Keycloak username; null or blank holds nothing
     * @throws AccessRefused     when a permission is missing (the message names it, the scope it is needed on, and
     *                           the caller's grants that come close), or the command is not registered
     * @throws UnknownResource   when the resource the command is addressed to does not exist (404)
     * @throws RuleViolation     when another resource the command names does not exist (422)
     */
    public void authorize(String username, Object command) {
        Requirement requirement = permissions.of(command, locator);
        if (requirement instanceof Needs needs) {
            check(username, needs);
        } else if (requirement instanceof Unregistered unregistered) {
            String name = unregistered.commandType().getSimpleName();
            throw new AccessRefused(UNREGISTERED_COMMAND, "unregistered", "command", name, null, null,
                    "No permission is registered for " + name + ", so it is refused");
        }
        // ByDirectory: decided by the access directory aggregate.
    }

    private void check(String username, Needs needs) {
        AccessEngine engine = new AccessEngine(lookup.current().current());
        Instant now = clock.instant();
        Instant latest = lookup.latestEventAt();
        Instant at = latest.isAfter(now) ? latest : now;
        for (Need need : needs.needs()) {
            ResourceRef resource = locate(need);
            if (username == null || username.isBlank()) {
                throw refused(need.permission(), resource, "The request names no caller, who therefore holds"
                        + " nothing; " + need.permission() + " is needed on a scope covering " + Scope.of(resource));
            }
            Decision decision = engine.check(Principal.user(username), need.permission(), resource, at);
            if (decision instanceof Decision.Denied denied) {
                throw refused(need.permission(), resource, String.join("; ", denied.explanation()));
            }
        }
    }

    private static ResourceRef locate(Need need) {
        try {
            return need.resource().get();
        } catch (IllegalArgumentException | NullPointerException e) {
            // The web edge validates ids and names before a command is built; this guards other senders.
            throw new RuleViolation("the command does not describe its resource properly: " + e.getMessage());
        }
    }

    private static AccessRefused refused(Permission permission, ResourceRef resource, String reason) {
        return new AccessRefused(AccessRefused.MISSING_PERMISSION, permission.toString(), resource.type(),
                resource.id(), new AccessScope(resource.site(), resource.environment(), resource.project(), null, null),
                null, reason);
    }
}
