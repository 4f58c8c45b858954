/** Bearer-token validation against the configured Keycloak issuer and the mapping of realm roles to authorities. */
package dev.twinledger.support.security;
