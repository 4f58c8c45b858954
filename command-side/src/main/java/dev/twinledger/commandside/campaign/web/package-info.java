/** The REST endpoints that create, start, pause and resume upgrade campaigns. */
package dev.twinledger.commandside.campaign.web;
