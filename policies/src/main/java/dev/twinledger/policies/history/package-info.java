/**
 * Access as it changes over time: {@link dev.twinledger.policies.history.AccessHistory} folds the access events of
 * the {@code api} into the grants, memberships and role catalogs the evaluation engine reads, for now and for any
 * past instant. The command side's consistent lookup, the access directory aggregate and the query side's read model
 * all fold with it, so a check means the same wherever it is asked.
 */
package dev.twinledger.policies.history;
