/**
 * The access read model: every access event as stored (for the query side's fold), and grants, groups, memberships,
 * role versions, principals' access histories, access reviews and denied attempts as tables for paged listing.
 */
package dev.twinledger.projections.access;
