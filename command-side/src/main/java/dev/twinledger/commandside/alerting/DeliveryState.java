package dev.twinledger.commandside.alerting;

/** Where an outbox row stands. */
public enum DeliveryState {
    /** Not delivered yet: due at its next attempt time, or in flight. */
    PENDING,
    /** The receiver accepted it (webhook 2xx, Kafka ack). Final. */
    DELIVERED,
    /** Every allowed attempt failed. Final, and kept for people to see. */
    DEAD
}
