/** Publishing stored events to Kafka: the topic, the admin connection and the health of both. */
package dev.twinledger.commandside.publishing;
