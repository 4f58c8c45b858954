/**
 * Alert routing and delivery: capacity alert events routed by support level into an outbox, and the outbox worked off
 * to signed webhooks and the Kafka alerts topic with retries.
 */
package dev.twinledger.commandside.alerting;
