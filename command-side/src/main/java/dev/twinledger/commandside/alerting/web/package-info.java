/** The read of the alert outbox over REST: what each subscriber got, and what is still pending or dead. */
package dev.twinledger.commandside.alerting.web;
