package dev.twinledger.queryside.history;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One event on a resource's stream.
 *
 * @param position      the event's global position (the history's order)
 * @param resourceId    the resource (the stream's aggregate id)
 * @param resourceType  the aggregate type, e.g. {@code VirtualMachine}
 * @param sequence      the event's number within the stream, from 0
 * @param event         the event's simple name, e.g. {@code MigrationCompleted}
 * @param eventType     the event's full type name
 * @param eventId       the event's id in the event store
 * @param occurredAt    when the event was stored
 * @param actorSubject  the caller's token subject, or null
 * @param actorUsername the caller's username, or null
 * @param handlingSite  the site whose command side recorded it, or null
 * @param correlationId ties together everything one request caused, or null
 * @param causationId   the message that caused it, or null
 * @param reason        the reason the caller gave, or null
 * @param ticket        the change ticket the caller named, or null
 * @param payload       the event's fields as JSON
 */
public record HistoryEntryView(long position, String resourceId, String resourceType, Long sequence, String event,
                               String eventType, String eventId, Instant occurredAt, String actorSubject,
                               String actorUsername, String handlingSite, String correlationId, String causationId,
                               String reason, String ticket, JsonNode payload) {
}
