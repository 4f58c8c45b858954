package dev.twinledger.api.access;

/** A reviewer's decision on one grant in an access review. */
public enum ReviewOutcome {
    CONFIRMED,
    REVOKED
}
