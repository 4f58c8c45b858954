/**
 * Sending a command on behalf of an HTTP request: the metadata it carries onto its events, the answer it gives, and
 * how refusals become problem+json.
 */
package dev.twinledger.commandside.command;
