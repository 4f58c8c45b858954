package dev.twinledger.auditformat;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One stored event as the audit log keeps it: the facts the hash chain commits to. Every field but
 * {@code position}, {@code eventId}, {@code eventType}, {@code occurredAt} and {@code payload} may be null.
 *
 * @param position      the event's global position in the event store; the chain's order
 * @param eventId       the event's id
 * @param eventType     the producer's type name, e.g. {@code dev.twinledger.api.inventory.VmProvisioned}
 * @param aggregateType the aggregate's type, null for an event of no aggregate
 * @param aggregateId   the aggregate's id (the resource, the access directory, ...)
 * @param sequence      the event's sequence number in its aggregate's stream, -1 when it has none
 * @param occurredAt    when the event was stored, truncated to microseconds (what PostgreSQL keeps), so the record
 *                      reads the same from the database, an export, or the event itself
 * @param actorSubject  the Keycloak subject of the caller, or the service that acted
 * @param actorUsername the caller's user name
 * @param handlingSite  the site whose command side handled the command
 * @param correlationId the id of the request the event belongs to
 * @param causationId   the id of the message that caused it
 * @param reason        the reason the caller gave
 * @param ticket        the ticket the caller named
 * @param payload       the event's own JSON
 */
public record AuditRecord(long position, String eventId, String eventType, String aggregateType, String aggregateId,
                          long sequence, Instant occurredAt, String actorSubject, String actorUsername,
                          String handlingSite, String correlationId, String causationId, String reason, String ticket,
                          JsonNode payload) {

    /** Compact constructor: checks the required fields and truncates {@code occurredAt} to microseconds. */
    public AuditRecord {
        if (position < 0) {
            throw new IllegalArgumentException("position must be >= 0, was " + position);
        }
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(payload, "payload");
        occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
    }

    /** This record's canonical form, the exact text its content digest is taken over. */
    public String canonicalForm() {
        return CanonicalJson.write(CanonicalJson.recordNode(this));
    }

    /** SHA-256 of {@link #canonicalForm()}, as 64 lower-case hex digits. */
    public String contentDigest() {
        return AuditHashes.contentDigest(canonicalForm());
    }
}
