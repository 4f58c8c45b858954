/**
 * What every projection shares: the exactly-once bookkeeping of applied global positions, read-your-writes waits,
 * and the wiring of a tracking processor onto the events topic.
 */
package dev.twinledger.projections.tracking;
