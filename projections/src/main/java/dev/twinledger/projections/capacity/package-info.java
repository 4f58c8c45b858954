/** Memory per host (physical, reserved, capacity, allocated, free) and the capacity alerts raised and cleared. */
package dev.twinledger.projections.capacity;
