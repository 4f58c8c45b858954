/** Capacity queries: memory per host and per site, and capacity alerts. */
package dev.twinledger.queryside.capacity;
