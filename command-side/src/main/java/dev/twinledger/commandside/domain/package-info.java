/** Plain-Java refusals that aggregates raise and the web edge turns into problem+json answers. */
package dev.twinledger.commandside.domain;
