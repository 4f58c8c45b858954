package dev.twinledger.api.access;

import java.time.Instant;

/**
 * A grant was requested. It is in effect from {@code validFrom} (never before this event) when
 * {@code approvalRequired} is false, and otherwise from its {@link GrantApproved}.
 */
public record GrantRequested(String grantId, PrincipalRef principal, String role, AccessScope scope,
                             Instant validFrom, Instant validUntil, String justification, String ticket,
                             String requestedBy, boolean approvalRequired) {
}
