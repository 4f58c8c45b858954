package dev.twinledger.policies.grant;

/**
 * Whether a grant path gives its role's permissions at an instant, and if not, the first reason why not, in the
 * order listed.
 */
public enum Standing {
    /** The path counts. */
    EFFECTIVE,
    /** The grant has been revoked. */
    REVOKED,
    /** The grant awaits a second person's approval. */
    PENDING_APPROVAL,
    /** The grant's validity has not started. */
    NOT_YET_VALID,
    /** The grant's validity has ended. */
    EXPIRED,
    /** The membership through which the grant reaches the user has not started. */
    MEMBERSHIP_NOT_YET_VALID,
    /** The membership through which the grant reaches the user has ended. */
    MEMBERSHIP_ENDED
}
