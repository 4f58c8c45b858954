package dev.twinledger.commandside.alerting;

import java.util.UUID;

/**
 * An outbox row this dispatcher holds for one attempt. Its outcome is recorded only while {@code claimToken} still
 * holds the row.
 *
 * @param attempt the number of this attempt, from 1
 */
public record ClaimedDelivery(UUID id, UUID claimToken, DeliveryChannel channel, String subscriber, String eventType,
                              String hostId, String payload, int attempt) {
}
