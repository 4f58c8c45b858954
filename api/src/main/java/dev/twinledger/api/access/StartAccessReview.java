package dev.twinledger.api.access;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Starts an access review: every grant in effect whose scope lies within {@code scope} is listed for the reviewer.
 * Needs {@code review:run} on the scope. The reviewer must differ from the starter.
 *
 * @param reviewId  the review's id
 * @param scope     the scope under review
 * @param reviewer  the username who decides each grant
 * @param deadline  when it closes by itself; grants left undecided then are flagged
 * @param startedBy who starts it (from the token)
 */
public record StartAccessReview(String reviewId, AccessScope scope, String reviewer, Instant deadline,
                                String startedBy) {

    @TargetAggregateIdentifier
    public String directoryId() {
        return AccessDirectory.ID;
    }
}
