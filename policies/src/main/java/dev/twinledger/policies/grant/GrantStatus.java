package dev.twinledger.policies.grant;

/** Where a grant stands in its lifecycle at some instant, before its validity interval is considered. */
public enum GrantStatus {
    /** A privileged grant no second person has approved yet; it gives nothing. */
    PENDING_APPROVAL,
    /** Approved, or needing no approval; it gives its role's permissions while its validity interval lasts. */
    ACTIVE,
    /** Revoked (a rejected request counts as revoked); it gives nothing from then on. */
    REVOKED
}
