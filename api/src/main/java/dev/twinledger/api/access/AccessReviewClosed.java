package dev.twinledger.api.access;

import java.util.List;

/**
 * A review closed. Its evidence is the review's events: who decided what and when; the grants left undecided are
 * flagged here.
 *
 * @param unreviewedGrantIds grants nobody decided, flagged for follow-up
 * @param deadlinePassed     whether it closed because its deadline passed
 */
public record AccessReviewClosed(String reviewId, String closedBy, int confirmed, int revoked,
                                 List<String> unreviewedGrantIds, boolean deadlinePassed) {
}
