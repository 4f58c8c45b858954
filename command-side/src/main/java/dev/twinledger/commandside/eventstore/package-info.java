/** The event store's PostgreSQL schema as Axon sees it, and the positions the service reads from it. */
package dev.twinledger.commandside.eventstore;
