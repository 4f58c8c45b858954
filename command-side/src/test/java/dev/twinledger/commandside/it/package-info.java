/** Integration tests: the whole service on a real PostgreSQL database and a real (embedded KRaft) Kafka broker. */
package dev.twinledger.commandside.it;
