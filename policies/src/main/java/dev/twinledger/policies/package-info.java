/**
 * The access model as pure Java (permissions, role catalog, scope matching, evaluation). Empty until the
 * access-governance capability lands; until then a Keycloak realm role gates each endpoint.
 */
package dev.twinledger.policies;
