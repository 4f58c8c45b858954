package dev.twinledger.commandside.access;

import dev.twinledger.api.access.AccessScope;
import dev.twinledger.api.access.ReviewOutcome;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One access review as the directory holds it: who reviews which grants, what was decided, whether it is open. */
final class AccessReview {

    final String reviewId;
    final AccessScope scope;
    final String reviewer;
    final String startedBy;
    final Instant deadline;
    final List<String> grantIds;
    final Map<String, ReviewOutcome> decisions = new LinkedHashMap<>();
    boolean closed;

    AccessReview(String reviewId, AccessScope scope, String reviewer, String startedBy, Instant deadline,
                 List<String> grantIds) {
        this.reviewId = reviewId;
        this.scope = scope;
        this.reviewer = reviewer;
        this.startedBy = startedBy;
        this.deadline = deadline;
        this.grantIds = List.copyOf(grantIds);
    }

    List<String> undecided() {
        return grantIds.stream().filter(id -> !decisions.containsKey(id)).toList();
    }

    /** Field by field: Axon's fixture compares the state a command left with the state its events rebuild. */
    @Override
    public boolean equals(Object other) {
        return other instanceof AccessReview review && reviewId.equals(review.reviewId)
                && Objects.equals(scope, review.scope) && reviewer.equals(review.reviewer)
                && startedBy.equals(review.startedBy) && deadline.equals(review.deadline)
                && grantIds.equals(review.grantIds) && decisions.equals(review.decisions) && closed == review.closed;
    }

    @Override
    public int hashCode() {
        return reviewId.hashCode();
    }

    int count(ReviewOutcome outcome) {
        return (int) decisions.values().stream().filter(outcome::equals).count();
    }
}
