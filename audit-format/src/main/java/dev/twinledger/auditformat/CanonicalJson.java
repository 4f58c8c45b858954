package dev.twinledger.auditformat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The one way a record or a checkpoint is written as text before it is hashed or signed: JSON without insignificant
 * whitespace, object members sorted by name (Java string order), numbers as written (decimals kept exactly, never in
 * exponent form), instants as UTC with exactly six fraction digits ({@code 2026-11-26T08:00:00.123456Z}), nulls kept.
 *
 * <p>Why our own and not JCS (RFC 8785): no maintained JCS library is available here, and the events carry no
 * floating-point numbers, which is where the two would differ. The rules are short enough to restate in any language
 * (docs/audit-format.md).
 */
public final class CanonicalJson {

    /** Reads JSON keeping decimals exact, so reading and re-writing a payload never changes a number. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private static final DateTimeFormatter INSTANT = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private CanonicalJson() {
    }

    /** {@code node} in canonical form. */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(sorted(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write canonical JSON", e);
        }
    }

    /** Parses JSON text (a payload as the database returns it, say) into a tree, decimals exact. */
    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** An instant as the canonical form writes it. */
    public static String instant(Instant instant) {
        return instant == null ? null : INSTANT.format(instant);
    }

    /** The fields of a record, by the names docs/audit-format.md gives them. */
    static ObjectNode recordNode(AuditRecord record) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("actorSubject", record.actorSubject());
        node.put("actorUsername", record.actorUsername());
        node.put("aggregateId", record.aggregateId());
        node.put("aggregateType", record.aggregateType());
        node.put("causationId", record.causationId());
        node.put("correlationId", record.correlationId());
        node.put("eventId", record.eventId());
        node.put("eventType", record.eventType());
        node.put("handlingSite", record.handlingSite());
        node.put("occurredAt", instant(record.occurredAt()));
        node.set("payload", record.payload());
        node.put("position", record.position());
        node.put("reason", record.reason());
        node.put("sequence", record.sequence());
        node.put("ticket", record.ticket());
        return node;
    }

    private static JsonNode sorted(JsonNode node) {
        if (node == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            it.forEachRemaining(fields::add);
            fields.sort(Map.Entry.comparingByKey());
            ObjectNode copy = MAPPER.createObjectNode();
            fields.forEach(field -> copy.set(field.getKey(), sorted(field.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = MAPPER.createArrayNode();
            node.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }
}
