package dev.twinledger.api.access;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The reviewer confirms or revokes one grant of an open review. Only the named reviewer may decide; a revocation
 * revokes the grant in the same transaction.
 */
public record DecideReviewItem(String reviewId, String grantId, ReviewOutcome outcome, String comment,
                               String decidedBy) {

    @TargetAggregateIdentifier
    public String directoryId() {
        return AccessDirectory.ID;
    }
}
