/** Principals, grants with their lifecycle, group memberships, and the immutable access state they form. */
package dev.twinledger.policies.grant;
