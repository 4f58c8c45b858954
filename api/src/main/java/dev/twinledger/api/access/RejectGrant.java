package dev.twinledger.api.access;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Refuses a pending grant; same authority as approving it. */
public record RejectGrant(String grantId, String rejectedBy, String reason) {

    @TargetAggregateIdentifier
    public String directoryId() {
        return AccessDirectory.ID;
    }
}
