package dev.twinledger.api;

import java.util.List;

/**
 * Keys of the metadata every stored event carries. Values are strings; a key is absent when the request did not
 * supply it (for example {@link #REASON}).
 */
public final class EventMetadata {

    /** The token subject ({@code sub}) of the caller who issued the command. Always present. */
    public static final String ACTOR_SUBJECT = "actorSubject";
    /** The caller's username ({@code preferred_username}); falls back to the subject. Always present. */
    public static final String ACTOR_USERNAME = "actorUsername";
    /** The id of the site whose command side handled the command, e.g. {@code dc1}. Always present. */
    public static final String HANDLING_SITE = "handlingSite";
    /** The id that ties together everything one request caused. Taken from the caller or generated. */
    public static final String CORRELATION_ID = "correlationId";
    /** The id of the message that directly caused this one (the command's message id). */
    public static final String CAUSATION_ID = "causationId";
    /** Free-text reason the caller gave. Optional. */
    public static final String REASON = "reason";
    /** Change ticket the caller named. Optional. */
    public static final String TICKET = "ticket";

    /** Every key above, in the order documentation lists them. */
    public static final List<String> ALL_KEYS =
            List.of(ACTOR_SUBJECT, ACTOR_USERNAME, HANDLING_SITE, CORRELATION_ID, CAUSATION_ID, REASON, TICKET);

    private EventMetadata() {
    }
}
