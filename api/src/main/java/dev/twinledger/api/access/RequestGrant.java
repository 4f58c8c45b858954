package dev.twinledger.api.access;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Grants a role to a principal on a scope for a time. The requester needs {@code grant:create} on the scope and every
 * permission of the role there (no escalation); a separation-of-duties conflict is refused naming the conflicting
 * grant. A privileged role waits for {@link ApproveGrant} by a second person before it takes effect.
 *
 * @param grantId       the new grant's id
 * @param principal     who receives the role
 * @param role          a defined role
 * @param scope         where it applies
 * @param validFrom     when it starts; null for now
 * @param validUntil    when it ends by itself; null for open-ended
 * @param justification why, in words; not blank
 * @param ticket        a change or ticket id; optional
 * @param requestedBy   who requests (from the token)
 */
public record RequestGrant(String grantId, PrincipalRef principal, String role, AccessScope scope, Instant validFrom,
                           Instant validUntil, String justification, String ticket, String requestedBy) {

    @TargetAggregateIdentifier
    public String directoryId() {
        return AccessDirectory.ID;
    }
}
