/**
 * The access directory: roles, groups, grants, approvals, expiry and access reviews, as one event-sourced aggregate
 * whose state is the policies module's {@link dev.twinledger.policies.history.AccessHistory}. It authorizes every
 * access command itself with the policies rules (no escalation, second-person approval, separation of duties,
 * delegation), so those rules see one consistent state. See ADR 10.
 */
package dev.twinledger.commandside.access;
