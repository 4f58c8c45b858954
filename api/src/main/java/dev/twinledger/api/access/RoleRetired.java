package dev.twinledger.api.access;

/** A role was retired: from the event's time on it gives nothing. */
public record RoleRetired(String role, String retiredBy, String reason) {
}
