package dev.twinledger.queryside.audit;

import dev.twinledger.queryside.readmodel.Where;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an audit query selects; every field null means "any", and the given ones combine with AND.
 *
 * @param resource      entries concerning this resource id (its aggregate, or named in the payload: a VM's migrations,
 *                      its hosts' memory moves, denied attempts on it)
 * @param actor         entries whose actor's username or subject is this
 * @param type          entries of this simple event name, e.g. {@code VmMigrated}
 * @param site          entries handled at this site or naming it
 * @param from          entries that occurred at or after this instant
 * @param to            entries that occurred before this instant
 * @param correlationId entries of this request
 */
public record AuditFilter(String resource, String actor, String type, String site, Instant from, Instant to,
                          String correlationId) {

    /** The filter that selects everything. */
    public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null, null, null);

    /** Only the entries of one request. */
    public static AuditFilter ofCorrelation(String correlationId) {
        return new AuditFilter(null, null, null, null, null, null, correlationId);
    }

    /** The conditions on {@code audit_log}, each with a bound parameter named after the filter. */
    public Where where() {
        return new Where()
                .when(resource, "resource_ids @> ARRAY[CAST(:resource AS text)]", "resource")
                .when(actor, "(actor_username = :actor OR actor_subject = :actor)", "actor")
                .equal("event_name", "type", type)
                .when(site, "site_ids @> ARRAY[CAST(:site AS text)]", "site")
                .when(timestamp(from), "occurred_at >= :from", "from")
                .when(timestamp(to), "occurred_at < :to", "to")
                .equal("correlation_id", "correlationId", correlationId);
    }

    /** The filters given, by their parameter names, in a fixed order: for the access log and export headers. */
    public Map<String, String> given() {
        Map<String, String> given = new LinkedHashMap<>();
        put(given, "resource", resource);
        put(given, "actor", actor);
        put(given, "type", type);
        put(given, "site", site);
        put(given, "from", from == null ? null : from.toString());
        put(given, "to", to == null ? null : to.toString());
        put(given, "correlationId", correlationId);
        return given;
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
