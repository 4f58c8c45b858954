/** The Keycloak sync's report and the operator's overwrite request over HTTP. */
package dev.twinledger.commandside.keycloaksync.web;
