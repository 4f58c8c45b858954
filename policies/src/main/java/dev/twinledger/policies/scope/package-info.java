/** Where a grant applies (a conjunction of optional attributes) and the resources it is matched against. */
package dev.twinledger.policies.scope;
