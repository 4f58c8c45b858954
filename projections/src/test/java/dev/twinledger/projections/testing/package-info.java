/**
 * Test support: throw-away databases on the local PostgreSQL (shared with the query side's tests) and the harness
 * that runs the read-model processor over an in-memory event store.
 */
package dev.twinledger.projections.testing;
