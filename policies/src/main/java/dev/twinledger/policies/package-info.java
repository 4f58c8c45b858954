/**
 * The access model as pure Java over the {@code api} contract: permissions, roles, scopes, grants, the evaluation
 * engine and the grant rules, with no framework, no I/O and no mutable state.
 */
package dev.twinledger.policies;
