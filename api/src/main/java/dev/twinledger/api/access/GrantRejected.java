package dev.twinledger.api.access;

/** A pending grant was refused; it never takes effect. */
public record GrantRejected(String grantId, String rejectedBy, String reason) {
}
