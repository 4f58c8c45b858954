package dev.twinledger.queryside.readmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Column values as the views want them: instants, enums, numbers that may be null, and jsonb columns. */
public final class Rows {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private Rows() {
    }

    /** A {@code timestamptz} column as an instant; null stays null. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** A text column holding an enum's name; null stays null. */
    public static <E extends Enum<E>> E enumOf(ResultSet rs, String column, Class<E> type) throws SQLException {
        String value = rs.getString(column);
        return value == null ? null : Enum.valueOf(type, value);
    }

    /** A nullable {@code bigint} column. */
    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    /** A nullable {@code double precision} column. */
    public static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    /** A jsonb array of strings; null reads as empty. */
    public static List<String> stringList(ResultSet rs, String column) throws SQLException {
        String json = rs.getString(column);
        return json == null ? List.of() : read(json, text -> JSON.readValue(text, STRINGS));
    }

    /** A jsonb object of string values, in the stored key order; null reads as empty. */
    public static Map<String, String> stringMap(ResultSet rs, String column) throws SQLException {
        String json = rs.getString(column);
        return json == null ? Map.of() : read(json, text -> JSON.readValue(text, STRING_MAP));
    }

    /** A jsonb column as a tree; null stays null. */
    public static JsonNode tree(ResultSet rs, String column) throws SQLException {
        String json = rs.getString(column);
        return json == null ? null : read(json, JSON::readTree);
    }

    /** A jsonb column as a record or list of records; null stays null. */
    public static <T> T object(ResultSet rs, String column, Class<T> type) throws SQLException {
        String json = rs.getString(column);
        return json == null ? null : read(json, text -> JSON.readValue(text, type));
    }

    /** A jsonb column as a list of {@code type}; null reads as empty. */
    public static <T> List<T> objects(ResultSet rs, String column, Class<T> type) throws SQLException {
        String json = rs.getString(column);
        return json == null ? List.of() : read(json, text -> JSON.readValue(text,
                JSON.getTypeFactory().constructCollectionType(List.class, type)));
    }

    /** allocated / capacity in percent, two decimals; 0 when there is no capacity. */
    public static double utilizationPercent(long allocatedMib, long capacityMib) {
        return capacityMib <= 0 ? 0.0 : Math.round(allocatedMib * 10_000.0 / capacityMib) / 100.0;
    }

    private static <T> T read(String json, JsonReader<T> reader) {
        try {
            return reader.read(json);
        } catch (JsonProcessingException e) {
            // The projections write these columns; a value that does not parse is a bug there, not bad input.
            throw new IllegalStateException("read model holds malformed JSON: " + json, e);
        }
    }

    @FunctionalInterface
    private interface JsonReader<T> {
        T read(String json) throws JsonProcessingException;
    }
}
