package dev.twinledger.queryside.inventory;

import dev.twinledger.api.inventory.Platform;

import java.time.Instant;

/**
 * A site as the read model knows it.
 *
 * @param id           the site id
 * @param name         human-readable name
 * @param platform     the virtualization platform the site runs
 * @param registeredAt when the registration event was stored
 */
public record SiteView(String id, String name, Platform platform, Instant registeredAt) {
}
