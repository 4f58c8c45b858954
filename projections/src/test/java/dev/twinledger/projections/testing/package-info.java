/** Test support shared with the query side's tests: throw-away databases on the local PostgreSQL. */
package dev.twinledger.projections.testing;
