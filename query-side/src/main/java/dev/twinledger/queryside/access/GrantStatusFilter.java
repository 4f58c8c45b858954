package dev.twinledger.queryside.access;

/** The grant statuses {@code GET /api/access/grants?status=} filters on. */
public enum GrantStatusFilter {
    /** Waiting for a second person's approval. */
    PENDING_APPROVAL,
    /** In force or starting later, and not past its end. */
    ACTIVE,
    /** Refused by the approver. */
    REJECTED,
    /** Revoked. */
    REVOKED,
    /** Past its end time, whether its expiry has been recorded yet or not. */
    EXPIRED
}
