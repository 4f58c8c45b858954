/**
 * Keycloak group sync: the access directory's group memberships valid now are pushed to Keycloak groups under one
 * parent group, and changes made in Keycloak behind Twinledger's back are reported as drift instead of overwritten.
 */
package dev.twinledger.commandside.keycloaksync;
