/** Roles as named sets of permissions, the role catalog with its privileged roles, and the default catalog. */
package dev.twinledger.policies.role;
