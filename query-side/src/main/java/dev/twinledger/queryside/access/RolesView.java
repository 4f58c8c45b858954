package dev.twinledger.queryside.access;

import java.time.Instant;
import java.util.List;

/**
 * The roles in force at an instant.
 *
 * @param asOf  the instant
 * @param roles every role then, by name
 */
public record RolesView(Instant asOf, List<RoleView> roles) {
}
