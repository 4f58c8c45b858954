/** The Twinledger command side: it accepts commands over REST, stores their events and publishes them to Kafka. */
package dev.twinledger.commandside;
