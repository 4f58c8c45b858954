/** Spring wiring of the projections into a service: Kafka source, token store, processors, progress. */
package dev.twinledger.projections.config;
