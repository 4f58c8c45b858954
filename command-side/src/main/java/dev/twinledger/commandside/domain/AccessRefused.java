package dev.twinledger.commandside.domain;

import dev.twinledger.api.access.AccessDenied;
import dev.twinledger.api.access.AccessScope;
import java.util.Objects;

/**
 * The caller may not do this: a permission is missing on the resource, or an access rule (no escalation,
 * second-person approval, separation of duties, delegation) refuses an access change. Nothing was stored; the web
 * edge records the refusal as an {@link AccessDenied} event and answers 403, or 409 for a separation-of-duties
 * conflict (the conflicting grant is named).
 *
 * @see #toDenial(String, String)
 */
public final class AccessRefused extends CommandRefused {

    /** The rule name for a permission the caller lacks on the resource. */
    public static final String MISSING_PERMISSION = "permission";
    /** The rule name of separation of duties, answered 409. */
    public static final String SEPARATION_OF_DUTIES = "separation-of-duties";

    private final String rule;
    private final String permission;
    private final String resourceType;
    private final String resourceId;
    private final AccessScope where;
    private final String conflictingGrantId;

    /**
     * @param rule               {@link #MISSING_PERMISSION} or the access rule that refused
     * @param permission         the permission that was needed, written {@code type:action}
     * @param resourceType       the type of the resource acted on ({@code vm}, {@code grant}, {@code role}, ...)
     * @param resourceId         its id, or null
     * @param where              the resource's site, environment and project (null attributes when unknown)
     * @param conflictingGrantId the grant a rule named, or null
     * @param reason             what was missing or wrong, for the caller
     */
    public AccessRefused(String rule, String permission, String resourceType, String resourceId, AccessScope where,
                         String conflictingGrantId, String reason) {
        super(reason);
        this.rule = Objects.requireNonNull(rule, "rule");
        this.permission = Objects.requireNonNull(permission, "permission");
        this.resourceType = Objects.requireNonNull(resourceType, "resourceType");
        this.resourceId = resourceId;
        this.where = where == null ? AccessScope.EVERYWHERE : where;
        this.conflictingGrantId = conflictingGrantId;
    }

    public String rule() {
        return rule;
    }

    public String permission() {
        return permission;
    }

    public String resourceType() {
        return resourceType;
    }

    public String resourceId() {
        return resourceId;
    }

    public AccessScope where() {
        return where;
    }

    public String conflictingGrantId() {
        return conflictingGrantId;
    }

    /** Whether this is a conflict with an existing grant (409) rather than a missing right (403). */
    public boolean isConflict() {
        return SEPARATION_OF_DUTIES.equals(rule);
    }

    /** The event that records this refusal of {@code actor}'s {@code request}. */
    public AccessDenied toDenial(String actor, String request) {
        return new AccessDenied(actor, permission, resourceType, resourceId, where.siteId(), where.environment(),
                where.project(), rule, getMessage(), conflictingGrantId, request);
    }
}
