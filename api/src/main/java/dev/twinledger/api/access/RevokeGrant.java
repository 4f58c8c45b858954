package dev.twinledger.api.access;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revokes a grant at once. Needs {@code grant:revoke} on the grant's scope. */
public record RevokeGrant(String grantId, String revokedBy, String reason) {

    @TargetAggregateIdentifier
    public String directoryId() {
        return AccessDirectory.ID;
    }
}
