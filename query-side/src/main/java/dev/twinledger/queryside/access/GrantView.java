package dev.twinledger.queryside.access;

import java.time.Instant;

/**
 * A grant and its lifecycle, as the access read model lists it.
 *
 * @param id               the grant
 * @param principal        who holds it ({@code user:alice}, {@code group:ops})
 * @param role             its role
 * @param scope            where it applies
 * @param validFrom        when it starts
 * @param validUntil       when it ends by itself, or null
 * @param justification    why it was requested
 * @param ticket           the change ticket, or null
 * @param approvalRequired whether a second person had to approve it
 * @param status           {@code PENDING_APPROVAL}, {@code ACTIVE}, {@code REJECTED}, {@code REVOKED}, or
 *                         {@code EXPIRED}: its end time has passed (recorded or not yet)
 * @param requested        who requested it, when, through which event
 * @param approved         its approval, or null
 * @param rejected         its rejection, or null
 * @param revoked          its revocation, or null
 * @param expired          the recorded expiry ({@code at} is the end time reached), or null
 */
public record GrantView(String id, String principal, String role, ScopeView scope, Instant validFrom,
                        Instant validUntil, String justification, String ticket, boolean approvalRequired,
                        String status, Step requested, Step approved, Step rejected, Step revoked, Step expired) {

    /**
     * One step of a grant's lifecycle.
     *
     * @param by       who took it ({@code system} for the expiry deadline)
     * @param at       when
     * @param eventId  the event that records it
     * @param position that event's global position
     * @param reason   the reason given, or null
     */
    public record Step(String by, Instant at, String eventId, Long position, String reason) {
    }
}
