package dev.twinledger.queryside.asof;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import dev.twinledger.api.inventory.Environment;
import dev.twinledger.policies.scope.ResourceRef;

import java.time.Instant;

/**
 * One inventory resource as it was during one interval: the version its stream's event at {@code position} made.
 *
 * @param id         the resource's id (its stream's aggregate id)
 * @param type       site, project, host, vm, volume or container
 * @param validFrom  when this state began: the event's timestamp
 * @param validTo    when the next event of the stream replaced it; null while it is the current state
 * @param position   the global position of the event that produced this state
 * @param sequence   that event's number within the resource's stream, from 0
 * @param eventId    that event's id in the event store
 * @param event      that event's simple type name, e.g. {@code MigrationCompleted}
 * @param eventType  that event's full type name
 * @param attributes the resource's whole state after that event (fields per type, see the module README)
 */
public record SnapshotView(String id, String type, Instant validFrom, Instant validTo, long position, long sequence,
                           String eventId, String event, String eventType, JsonNode attributes) {

    /**
     * The resource with the attributes grant scopes are matched against, as they were in this version: a site's site
     * is itself, a project's project is itself, a container has no single site.
     */
    @JsonIgnore
    public ResourceRef asResourceRef() {
        return switch (type) {
            case "site" -> ResourceRef.site(id);
            case "project" -> new ResourceRef(type, id, null, null, id);
            default -> {
                String environment = text("environment");
                yield new ResourceRef(type, id, text("siteId"), environment == null ? null
                        : Environment.valueOf(environment), text("project"));
            }
        };
    }

    private String text(String field) {
        JsonNode value = attributes == null ? null : attributes.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
