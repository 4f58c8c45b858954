package dev.twinledger.api.access;

import java.time.Instant;
import java.util.List;

/** An access review started over the listed grants. */
public record AccessReviewStarted(String reviewId, AccessScope scope, String reviewer, Instant deadline,
                                  String startedBy, List<String> grantIds) {
}
