/**
 * Capacity alerts. A host raises an alert when its allocated memory crosses a configured threshold, and clears it
 * when it drops back; both are events on the host's own stream, in the transaction that moved the memory.
 */
package dev.twinledger.api.capacity;
