package dev.twinledger.api.access;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Approves a pending grant of a privileged role. The approver must differ from the requester and hold
 * {@code grant:approve} on the grant's scope.
 */
public record ApproveGrant(String grantId, String approvedBy) {

    @TargetAggregateIdentifier
    public String directoryId() {
        return AccessDirectory.ID;
    }
}
