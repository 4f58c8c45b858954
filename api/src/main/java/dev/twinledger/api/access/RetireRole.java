package dev.twinledger.api.access;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Retires a role: from now on it gives nothing. Refused while an unrevoked, unexpired grant names it. Needs
 * {@code role:define} everywhere.
 */
public record RetireRole(String role, String retiredBy, String reason) {

    @TargetAggregateIdentifier
    public String directoryId() {
        return AccessDirectory.ID;
    }
}
