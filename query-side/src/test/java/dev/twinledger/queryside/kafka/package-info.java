/** Tests of how the query side meets Kafka on a new installation. */
package dev.twinledger.queryside.kafka;
