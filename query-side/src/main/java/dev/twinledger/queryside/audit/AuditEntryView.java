package dev.twinledger.queryside.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * One event as the audit log holds it, with its seal.
 *
 * @param position      the event's global position: the log's order and the key of {@code after}
 * @param eventId       the event's id in the event store
 * @param type          the event's simple name, e.g. {@code VmMigrated}
 * @param eventType     the event's full type name
 * @param aggregateType the aggregate's type, or null for an event of no aggregate (a denied attempt)
 * @param aggregateId   the aggregate's id, or null
 * @param sequence      the event's number in its aggregate's stream, or null when it has none
 * @param occurredAt    when the event was stored
 * @param actor         who caused it
 * @param handlingSite  the site whose command side handled it, or null
 * @param correlationId the request it belongs to, or null
 * @param causationId   the message that caused it, or null
 * @param reason        the reason the caller gave, or null
 * @param ticket        the ticket the caller named, or null
 * @param payload       the event's own fields
 * @param resources     every resource id the entry concerns (what {@code resource=} matches)
 * @param sites         every site the entry concerns (what {@code site=} matches)
 * @param sealed        whether the entry is linked into the hash chain yet; the four fields below are null until it is
 * @param chainIndex    its index in the chain, from 0
 * @param contentDigest SHA-256 of its canonical form, hex
 * @param previousHash  the chain hash of the entry before it in the chain
 * @param chainHash     SHA-256 of the previous hash and the content digest
 */
public record AuditEntryView(long position, String eventId, String type, String eventType, String aggregateType,
                             String aggregateId, Long sequence, Instant occurredAt, ActorView actor,
                             String handlingSite, String correlationId, String causationId, String reason,
                             String ticket, JsonNode payload, List<String> resources, List<String> sites,
                             boolean sealed, Long chainIndex, String contentDigest, String previousHash,
                             String chainHash) {

    /**
     * Who acted.
     *
     * @param subject  the token subject, or the service that acted; null when unknown
     * @param username the username, or null
     */
    public record ActorView(String subject, String username) {
    }
}
