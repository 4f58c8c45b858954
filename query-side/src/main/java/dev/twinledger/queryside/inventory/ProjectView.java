package dev.twinledger.queryside.inventory;

import java.time.Instant;

/**
 * A project (tenant) as the read model knows it.
 *
 * @param id           the project id
 * @param name         human-readable name
 * @param description  free text, may be null
 * @param registeredAt when the registration event was stored
 */
public record ProjectView(String id, String name, String description, Instant registeredAt) {
}
