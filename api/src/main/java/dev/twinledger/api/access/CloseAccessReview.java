package dev.twinledger.api.access;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Closes an open review: by its reviewer or starter over the API, or by the service at the deadline
 * ({@code closedBy} {@code system}).
 */
public record CloseAccessReview(String reviewId, String closedBy) {

    @TargetAggregateIdentifier
    public String directoryId() {
        return AccessDirectory.ID;
    }
}
