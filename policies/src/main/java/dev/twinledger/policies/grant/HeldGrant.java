package dev.twinledger.policies.grant;

/**
 * A grant as an index holds it: with its ordinal, the position in the snapshot's grant list that orders answers,
 * and the grant itself, so that reading an index needs no second lookup.
 *
 * @param ordinal the grant's position in the snapshot
 * @param grant   the grant, as it stands in the snapshot
 */
record HeldGrant(int ordinal, Grant grant) {
}
