package dev.twinledger.projections.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The resources and sites an event concerns, read from its payload by naming convention: every text field, at any
 * depth, whose name ends in {@code Id} (or an array of texts whose name ends in {@code Ids}) names a resource, and
 * those whose name also mentions a site name a site. So {@code MigrationCompleted} is filed under its VM, both hosts
 * and both sites, and a grant scoped to one VM under that VM. The ids of messages ({@code eventId},
 * {@code correlationId}, {@code causationId}) are not resources.
 */
final class RelatedIds {

    private static final Set<String> NOT_RESOURCES = Set.of("eventId", "correlationId", "causationId");

    private final Set<String> resources = new LinkedHashSet<>();
    private final Set<String> sites = new LinkedHashSet<>();

    private RelatedIds() {
    }

    /** The ids in {@code payload}, with {@code aggregateId} (if any) first and {@code handlingSite} among the sites. */
    static RelatedIds of(JsonNode payload, String aggregateId, String handlingSite) {
        RelatedIds ids = new RelatedIds();
        if (aggregateId != null) {
            ids.resources.add(aggregateId);
        }
        if (handlingSite != null) {
            ids.sites.add(handlingSite);
        }
        ids.collect(payload);
        return ids;
    }

    String[] resources() {
        return resources.toArray(String[]::new);
    }

    String[] sites() {
        return sites.toArray(String[]::new);
    }

    private void collect(JsonNode node) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey();
                JsonNode value = field.getValue();
                if (name.endsWith("Id") && value.isTextual() && !NOT_RESOURCES.contains(name)) {
                    add(name, value.asText());
                } else if (name.endsWith("Ids") && value.isArray()) {
                    value.forEach(element -> {
                        if (element.isTextual()) {
                            add(name, element.asText());
                        }
                    });
                } else {
                    collect(value);
                }
            }
        } else if (node.isArray()) {
            node.forEach(this::collect);
        }
    }

    private void add(String name, String id) {
        if (id.isBlank()) {
            return;
        }
        resources.add(id);
        if (name.toLowerCase(java.util.Locale.ROOT).contains("site")) {
            sites.add(id);
        }
    }
}
