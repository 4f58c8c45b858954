package dev.twinledger.commandside.alerting;

/** How many outbox rows are still to be delivered, and how many gave up. */
public record DeliveryCounts(long pending, long dead) {
}
