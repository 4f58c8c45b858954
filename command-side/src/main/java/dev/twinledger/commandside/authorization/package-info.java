/**
 * Authorization of every command against the access directory's grants, per resource, before it is dispatched; the
 * consistent lookup of the directory; and the recording of denied attempts as events.
 */
package dev.twinledger.commandside.authorization;
