/** Test support: a throw-away PostgreSQL database, the running service, topic reading and Keycloak-shaped tokens. */
package dev.twinledger.commandside.support;
