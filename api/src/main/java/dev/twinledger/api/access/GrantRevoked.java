package dev.twinledger.api.access;

/** A grant was revoked; it gives nothing from this event on. */
public record GrantRevoked(String grantId, String revokedBy, String reason) {
}
