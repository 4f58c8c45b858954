package dev.twinledger.policies.grant;

/**
 * Why a grant was requested.
 *
 * @param text   free text; not null, not blank
 * @param ticket the change or request ticket, or null; not blank when set
 */
public record Justification(String text, String ticket) {

    /**
     * Checks the fields: null text gives {@link NullPointerException}, a blank one {@link IllegalArgumentException}.
     */
    public Justification {
        Principal.requireId(text, "justification");
        if (ticket != null && ticket.isBlank()) {
            throw new IllegalArgumentException("ticket must not be blank");
        }
    }

    /** A justification without a ticket. */
    public static Justification of(String text) {
        return new Justification(text, null);
    }
}
