package dev.twinledger.projections.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * How handlers turn event values into column values: timestamps as UTC {@code timestamptz}, structured values as
 * JSON text for {@code jsonb} columns (bind it with a {@code ?::jsonb} cast).
 */
public final class Columns {

    // ISO-8601 instants, the same shape the events topic uses, so a jsonb payload reads like the envelope's.
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Columns() {
    }

    /** An event timestamp as a {@code timestamptz} value in UTC; null stays null. */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /**
     * {@code value} as JSON text; null becomes JSON {@code null}.
     *
     * @throws IllegalStateException when the value cannot be written as JSON (a bug in an event record)
     */
    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }
}
