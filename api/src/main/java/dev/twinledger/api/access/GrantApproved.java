package dev.twinledger.api.access;

/** A pending grant was approved by a second person; it takes effect from this event. */
public record GrantApproved(String grantId, String approvedBy) {
}
