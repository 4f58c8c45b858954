/** Kafka consumers that build the read models in PostgreSQL, one tracking processor per projection. */
package dev.twinledger.projections;
