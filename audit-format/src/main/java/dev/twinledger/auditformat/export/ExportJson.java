package dev.twinledger.auditformat.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.twinledger.auditformat.AuditCheckpoint;
import dev.twinledger.auditformat.AuditRecord;
import dev.twinledger.auditformat.CanonicalJson;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Export lines as JSON objects and back. An entry's record fields are named exactly as in the record's canonical form
 * (docs/audit-format.md), so an entry line minus {@code kind} and its three hashes is the record itself.
 */
final class ExportJson {

    private ExportJson() {
    }

    static ObjectNode toJson(ExportLine line) {
        ObjectNode node = CanonicalJson.MAPPER.createObjectNode();
        node.put("kind", line.kind());
        if (line instanceof ExportLine.Header header) {
            node.put("format", header.format());
            node.put("exportedAt", CanonicalJson.instant(header.exportedAt()));
            ObjectNode query = node.putObject("query");
            header.query().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> query.put(e.getKey(), e.getValue()));
            if (header.anchor() == null) {
                node.putObject("anchor").put("kind", "genesis");
            } else {
                checkpointFields(node.putObject("anchor").put("kind", "checkpoint"), header.anchor());
            }
            ArrayNode keys = node.putArray("publicKeys");
            header.publicKeys().forEach(key -> keys.addObject().put("keyId", key.keyId())
                    .put("algorithm", key.algorithm()).put("publicKey", key.publicKey()));
        } else if (line instanceof ExportLine.Entry entry) {
            node.setAll((ObjectNode) CanonicalJson.parse(entry.record().canonicalForm()));
            hashes(node, entry.contentDigest(), entry.previousHash(), entry.chainHash());
        } else if (line instanceof ExportLine.Link link) {
            node.put("position", link.position());
            hashes(node, link.contentDigest(), link.previousHash(), link.chainHash());
        } else if (line instanceof ExportLine.Checkpoint checkpoint) {
            checkpointFields(node, checkpoint.checkpoint());
        } else if (line instanceof ExportLine.Footer footer) {
            node.put("entries", footer.entries());
            node.put("links", footer.links());
            node.put("checkpoints", footer.checkpoints());
            if (footer.lastCheckpointPosition() == null) {
                node.putNull("lastCheckpointPosition");
            } else {
                node.put("lastCheckpointPosition", footer.lastCheckpointPosition());
            }
            node.put("unsealedNotExported", footer.unsealedNotExported());
        }
        return node;
    }

    static ExportLine fromJson(JsonNode node, long lineNumber) {
        Fields fields = new Fields(node, lineNumber);
        String kind = fields.requiredText("kind");
        return switch (kind) {
            case "header" -> header(fields);
            case "entry" -> new ExportLine.Entry(record(fields), fields.requiredText("contentDigest"),
                    fields.requiredText("previousHash"), fields.requiredText("chainHash"));
            case "link" -> new ExportLine.Link(fields.requiredLong("position"), fields.requiredText("contentDigest"),
                    fields.requiredText("previousHash"), fields.requiredText("chainHash"));
            case "checkpoint" -> new ExportLine.Checkpoint(checkpoint(fields));
            case "footer" -> new ExportLine.Footer(fields.requiredLong("entries"), fields.requiredLong("links"),
                    fields.requiredLong("checkpoints"), fields.optionalLong("lastCheckpointPosition"),
                    fields.requiredLong("unsealedNotExported"));
            default -> throw new MalformedExportException(lineNumber, "unknown kind '" + kind + "'");
        };
    }

    private static ExportLine.Header header(Fields fields) {
        Map<String, String> query = new LinkedHashMap<>();
        fields.object("query").fields().forEachRemaining(e -> query.put(e.getKey(), e.getValue().asText()));
        Fields anchor = new Fields(fields.object("anchor"), fields.line);
        AuditCheckpoint checkpoint = switch (anchor.requiredText("kind")) {
            case "genesis" -> null;
            case "checkpoint" -> checkpoint(anchor);
            default -> throw new MalformedExportException(fields.line, "the anchor is neither genesis nor checkpoint");
        };
        List<ExportLine.PublicKeyEntry> keys = new ArrayList<>();
        JsonNode array = fields.node.get("publicKeys");
        if (array == null || !array.isArray()) {
            throw new MalformedExportException(fields.line, "publicKeys must be an array");
        }
        for (JsonNode key : array) {
            Fields k = new Fields(key, fields.line);
            keys.add(new ExportLine.PublicKeyEntry(k.requiredText("keyId"), k.requiredText("algorithm"),
                    k.requiredText("publicKey")));
        }
        return new ExportLine.Header(fields.requiredText("format"), fields.requiredInstant("exportedAt"), query,
                checkpoint, keys);
    }

    private static AuditRecord record(Fields f) {
        JsonNode payload = f.node.get("payload");
        if (payload == null || payload.isNull()) {
            throw new MalformedExportException(f.line, "an entry needs its payload");
        }
        try {
            return new AuditRecord(f.requiredLong("position"), f.requiredText("eventId"), f.requiredText("eventType"),
                    f.text("aggregateType"), f.text("aggregateId"), f.requiredLong("sequence"),
                    f.requiredInstant("occurredAt"), f.text("actorSubject"), f.text("actorUsername"),
                    f.text("handlingSite"), f.text("correlationId"), f.text("causationId"), f.text("reason"),
                    f.text("ticket"), payload);
        } catch (IllegalArgumentException e) {
            throw new MalformedExportException(f.line, e.getMessage());
        }
    }

    private static AuditCheckpoint checkpoint(Fields f) {
        return new AuditCheckpoint(f.requiredLong("position"), f.requiredLong("entries"), f.requiredText("chainHash"),
                f.requiredInstant("signedAt"), f.requiredText("keyId"), f.requiredText("algorithm"),
                f.requiredText("signature"));
    }

    private static void checkpointFields(ObjectNode node, AuditCheckpoint checkpoint) {
        node.put("position", checkpoint.position());
        node.put("entries", checkpoint.entries());
        node.put("chainHash", checkpoint.chainHash());
        node.put("signedAt", CanonicalJson.instant(checkpoint.signedAt()));
        node.put("keyId", checkpoint.keyId());
        node.put("algorithm", checkpoint.algorithm());
        node.put("signature", checkpoint.signature());
    }

    private static void hashes(ObjectNode node, String digest, String previous, String hash) {
        node.put("contentDigest", digest);
        node.put("previousHash", previous);
        node.put("chainHash", hash);
    }

    /** Typed access to a line's members; anything missing or of the wrong type is a malformed line. */
    private record Fields(JsonNode node, long line) {

        Fields {
            if (node == null || !node.isObject()) {
                throw new MalformedExportException(line, "expected a JSON object");
            }
        }

        String text(String name) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual()) {
                throw new MalformedExportException(line, name + " must be a string");
            }
            return value.textValue();
        }

        String requiredText(String name) {
            String value = text(name);
            if (value == null) {
                throw new MalformedExportException(line, name + " is missing");
            }
            return value;
        }

        Long optionalLong(String name) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw new MalformedExportException(line, name + " must be a whole number");
            }
            return value.longValue();
        }

        long requiredLong(String name) {
            Long value = optionalLong(name);
            if (value == null) {
                throw new MalformedExportException(line, name + " is missing");
            }
            return value;
        }

        Instant requiredInstant(String name) {
            String value = requiredText(name);
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new MalformedExportException(line, name + " is not an instant: " + value);
            }
        }

        JsonNode object(String name) {
            JsonNode value = node.get(name);
            if (value == null || !value.isObject()) {
                throw new MalformedExportException(line, name + " must be an object");
            }
            return value;
        }
    }
}
