package dev.twinledger.queryside.audit;

import dev.twinledger.support.web.FieldError;
import jakarta.servlet.http.HttpServletRequest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the query parameters of an audit request. Every mistake is collected and answered at once by
 * {@link #validate()} as a 400 naming each parameter: a value that does not parse, a parameter given twice, and a
 * parameter the endpoint does not know, because an auditor who misspells a filter must not get everything back and
 * believe it filtered.
 */
final class AuditParameters {

    /** The filters of the events list and the export. */
    static final List<String> FILTERS = List.of("resource", "actor", "type", "site", "from", "to", "correlationId");
    /** Keyset paging and read-your-writes. */
    static final List<String> PAGING = List.of("after", "limit", "order", "minPosition");
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final int MAX_TEXT = 256;
    private static final Pattern EVENT_NAME = Pattern.compile("[A-Z][A-Za-z0-9]{0,127}");

    private final Map<String, String[]> given;
    private final List<FieldError> errors = new ArrayList<>();

    private AuditParameters(Map<String, String[]> given, Set<String> known) {
        this.given = given;
        given.forEach((name, values) -> {
            if (!known.contains(name)) {
                errors.add(new FieldError(name, "is not a parameter of this endpoint; known are "
                        + known.stream().sorted().toList()));
            } else if (values.length > 1) {
                errors.add(new FieldError(name, "must be given at most once"));
            }
        });
    }

    /** The request's parameters, checked against those the endpoint knows. */
    static AuditParameters of(HttpServletRequest request, List<String> known) {
        return new AuditParameters(request.getParameterMap(), Set.copyOf(known));
    }

    /** A text parameter; blank means not given. */
    String text(String name) {
        String[] values = given.get(name);
        if (values == null || values.length != 1 || values[0].isBlank()) {
            return null;
        }
        if (values[0].length() > MAX_TEXT) {
            errors.add(new FieldError(name, "must be at most " + MAX_TEXT + " characters"));
            return null;
        }
        return values[0];
    }

    /** A global position or id: a whole number, at least 0. */
    Long position(String name) {
        String text = text(name);
        if (text == null) {
            return null;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException malformed) {
            // answered below
        }
        errors.add(new FieldError(name, "must be a whole number, at least 0, was '" + text + "'"));
        return null;
    }

    /** A global position given in the path: a whole number, at least 0 (-1 after recording the error). */
    long pathPosition(String name, String text) {
        try {
            long value = Long.parseLong(text.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException malformed) {
            // answered below
        }
        errors.add(new FieldError(name, "must be a whole number, at least 0, was '" + text + "'"));
        return -1;
    }

    /** An ISO-8601 instant. */
    Instant instant(String name) {
        String text = text(name);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z, was '" + text
                    + "'"));
            return null;
        }
    }

    /** {@code limit} (1 to 500, default 50), {@code after} and {@code order} ({@code asc} default, or {@code desc}). */
    AuditPaging paging(boolean descendingByDefault) {
        Long after = position("after");
        int limit = DEFAULT_LIMIT;
        String limitText = text("limit");
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText.trim());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                errors.add(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT + ", was '"
                        + limitText + "'"));
                limit = DEFAULT_LIMIT;
            }
        }
        String order = text("order");
        boolean descending = descendingByDefault;
        if (order != null) {
            if (!order.equals("asc") && !order.equals("desc")) {
                errors.add(new FieldError("order", "must be asc or desc, was '" + order + "'"));
            }
            descending = order.equals("desc");
        }
        return new AuditPaging(after, limit, descending);
    }

    /** The filters of {@link #FILTERS}; {@code to} must be after {@code from}. */
    AuditFilter filter() {
        String type = text("type");
        if (type != null && !EVENT_NAME.matcher(type).matches()) {
            errors.add(new FieldError("type", "must be a simple event name such as VmMigrated, GrantRevoked or "
                    + "AccessDenied, was '" + type + "'"));
            type = null;
        }
        Instant from = instant("from");
        Instant to = instant("to");
        if (from != null && to != null && !to.isAfter(from)) {
            errors.add(new FieldError("to", "must be after from (" + from + "), was " + to));
        }
        return new AuditFilter(text("resource"), text("actor"), type, text("site"), from, to,
                text("correlationId"));
    }

    /** Records a mistake the caller found in a parameter's value. */
    void reject(String name, String reason) {
        errors.add(new FieldError(name, reason));
    }

    /** Answers every mistake found so far with one 400. */
    void validate() {
        if (!errors.isEmpty()) {
            throw new InvalidAuditParameter(errors);
        }
    }
}
