package dev.twinledger.queryside.access;

import java.time.Instant;
import java.util.List;

/**
 * A role as it stood at an instant.
 *
 * @param name        the role
 * @param permissions its permissions then, sorted
 * @param privileged  whether its grants needed a second person's approval then
 * @param since       when this version took effect, or null when the read model lacks its row
 * @param definedBy   who defined this version, or null
 * @param eventId     the defining event's id, or null
 * @param position    the defining event's global position, or null
 */
public record RoleView(String name, List<String> permissions, boolean privileged, Instant since, String definedBy,
                       String eventId, Long position) {
}
