package dev.twinledger.commandside.alerting;

/** How an alert reaches a subscriber. */
public enum DeliveryChannel {
    /** A signed HTTP POST to a configured subscriber. */
    WEBHOOK,
    /** A record on the alerts topic; the row's subscriber is the topic. */
    KAFKA
}
