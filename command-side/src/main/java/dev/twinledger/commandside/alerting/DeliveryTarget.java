package dev.twinledger.commandside.alerting;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Where one alert transition goes: a webhook subscriber, or the alerts topic.
 *
 * @param channel    how it is sent
 * @param subscriber the subscriber's name, or the topic for {@link DeliveryChannel#KAFKA}
 */
public record DeliveryTarget(DeliveryChannel channel, String subscriber) {

    /**
     * The outbox row id of {@code eventId} sent to this target. Derived, not random, so routing the same event again
     * (a replay, or a second processor after a lost claim) names the same row and the same delivery id.
     */
    public UUID deliveryIdFor(String eventId) {
        return UUID.nameUUIDFromBytes((eventId + "\n" + channel + "\n" + subscriber)
                .getBytes(StandardCharsets.UTF_8));
    }
}
