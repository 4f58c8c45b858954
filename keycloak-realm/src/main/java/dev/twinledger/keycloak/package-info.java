/**
 * The twinledger Keycloak realm (roles, clients, test users) and a launcher that runs a real Keycloak server with it.
 */
package dev.twinledger.keycloak;
