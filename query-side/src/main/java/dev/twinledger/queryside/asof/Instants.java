package dev.twinledger.queryside.asof;

import dev.twinledger.queryside.web.InvalidParameter;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The one way every "as of an instant" parameter is read, by the access queries ({@code asOf}) and the
 * point-in-time inventory ({@code at}) alike: an ISO-8601 instant such as {@code 2026-03-01T12:00:00Z} (an offset
 * instead of {@code Z} is converted to UTC), at the precision the read model keeps (microseconds; finer digits are
 * dropped). Both read sides then take every record whose event is stamped at or before that instant, so the same
 * parameter means the same moment wherever it is given.
 */
public final class Instants {

    /** How a valid value looks, for error messages and API docs. */
    public static final String FORMAT = "an ISO-8601 instant such as 2026-03-01T12:00:00Z";

    private Instants() {
    }

    /**
     * The instant {@code text} names; a missing or blank value is a 400 naming {@code parameter}.
     *
     * @throws InvalidParameter when the value is missing or malformed
     */
    public static Instant required(String parameter, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidParameter(parameter, "is required: " + FORMAT);
        }
        return parse(parameter, text);
    }

    /**
     * The instant {@code text} names, or {@code now} when it is absent or blank; never after {@code now}.
     *
     * @throws InvalidParameter when the value is malformed or in the future
     */
    public static Instant pastOrNow(String parameter, String text, Instant now) {
        if (text == null || text.isBlank()) {
            return now;
        }
        Instant instant = parse(parameter, text);
        if (instant.isAfter(now)) {
            throw new InvalidParameter(parameter, "must not be in the future (now is " + now + "), was " + instant);
        }
        return instant;
    }

    private static Instant parse(String parameter, String text) {
        try {
            // Timestamps are kept in microseconds; a finer instant would fall between two stored values.
            return Instant.parse(text.trim()).truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            throw new InvalidParameter(parameter, "'" + text + "' is not " + FORMAT);
        }
    }
}
