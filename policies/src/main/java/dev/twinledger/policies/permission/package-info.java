/** Permissions ({@code type:action}) and the catalog of the ones Twinledger knows. */
package dev.twinledger.policies.permission;
