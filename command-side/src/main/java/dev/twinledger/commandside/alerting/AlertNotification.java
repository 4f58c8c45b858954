package dev.twinledger.commandside.alerting;

import dev.twinledger.api.capacity.AlertSeverity;

/**
 * The JSON body every subscriber receives for one alert transition, on the webhook and on the alerts topic alike.
 * This is a contract with receivers: add fields, never rename or remove them.
 *
 * @param eventId            the id of the stored alert event; one per transition
 * @param alertId            the alert's id; a RAISED and its CLEARED share it
 * @param transition         RAISED or CLEARED
 * @param severity           the alert's severity (for CLEARED, the severity of the alert that cleared)
 * @param level              the support level the routing rules gave it
 * @param hostId             the host whose memory crossed the threshold
 * @param siteId             the host's site; may be null when the event did not name it
 * @param allocatedMib       memory allocated to VMs after the change, MiB
 * @param capacityMib        the host's memory available to VMs, MiB
 * @param utilizationPercent allocated / capacity * 100 after the change
 * @param thresholdPercent   the threshold crossed upward; null for CLEARED
 * @param occurredAt         when the event was stored, ISO-8601 UTC
 * @param globalPosition     the event's global position in the event store: a later transition has a higher one
 * @param correlationId      the correlation id of the request that moved the memory; may be null
 */
public record AlertNotification(String eventId, String alertId, AlertTransition transition, AlertSeverity severity,
                                SupportLevel level, String hostId, String siteId, long allocatedMib,
                                long capacityMib, double utilizationPercent, Double thresholdPercent,
                                String occurredAt, long globalPosition, String correlationId) {
}
