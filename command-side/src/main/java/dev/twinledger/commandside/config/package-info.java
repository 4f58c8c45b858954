/** All wiring of the command side: typed settings, Axon and the event store, Kafka publishing, security, OpenAPI. */
package dev.twinledger.commandside.config;
