/**
 * Access-governance messages: roles, groups, grants, approvals, access reviews and denied attempts. Every command
 * except the denial (which is published on its own) goes to the one {@link AccessDirectory} aggregate, so the rules
 * that span grants (no escalation, separation of duties, second-person approval) are checked against one consistent
 * state. Axon stores event class names, so renaming or moving a record here is a schema change.
 */
package dev.twinledger.api.access;
