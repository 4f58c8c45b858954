/**
 * Launchers for real PostgreSQL, Kafka, Keycloak and service processes, used by the one-command local run
 * ({@link dev.twinledger.localstack.LocalStack}) and by the system tests.
 */
package dev.twinledger.localstack;
