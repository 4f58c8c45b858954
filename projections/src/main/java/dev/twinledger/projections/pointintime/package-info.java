/**
 * Point in time: every inventory resource's whole state after each event of its own stream, kept as version rows
 * with the interval they were valid in, so "what did the inventory look like at T" is an index lookup.
 */
package dev.twinledger.projections.pointintime;
