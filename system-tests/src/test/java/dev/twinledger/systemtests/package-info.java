/** End-to-end tests: real PostgreSQL, Kafka and Keycloak, and both services as processes from their exec jars. */
package dev.twinledger.systemtests;
