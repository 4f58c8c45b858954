/**
 * The grant rules as small named functions that return an allowance or a rejection with its reason: no escalation,
 * delegation, separation of duties, second-person approval, and {@code GrantRules} that applies them in order.
 */
package dev.twinledger.policies.rules;
