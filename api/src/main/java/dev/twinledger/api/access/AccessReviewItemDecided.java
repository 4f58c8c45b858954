package dev.twinledger.api.access;

/** The reviewer decided one grant; a {@link ReviewOutcome#REVOKED} is followed by a {@link GrantRevoked}. */
public record AccessReviewItemDecided(String reviewId, String grantId, ReviewOutcome outcome, String comment,
                                      String decidedBy) {
}
