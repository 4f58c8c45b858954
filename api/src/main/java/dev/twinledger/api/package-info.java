/** The contract every Twinledger module shares: immutable commands, events, queries and value types. */
package dev.twinledger.api;
