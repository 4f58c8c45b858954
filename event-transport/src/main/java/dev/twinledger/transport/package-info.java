/** The Kafka wire format of published events: one self-describing JSON envelope per record, keyed by aggregate id. */
package dev.twinledger.transport;
