/** The event history of every resource: each event on its stream, with who, when, why and the payload. */
package dev.twinledger.projections.history;
