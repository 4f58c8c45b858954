/** Small helpers every projection's handlers share: column values from event values. */
package dev.twinledger.projections.support;
