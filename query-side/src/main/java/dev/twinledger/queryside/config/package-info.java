/** The query side's wiring and typed settings: projections, security rules, OpenAPI, Axon without an event store. */
package dev.twinledger.queryside.config;
