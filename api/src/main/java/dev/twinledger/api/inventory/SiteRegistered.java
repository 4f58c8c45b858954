package dev.twinledger.api.inventory;

/** A site was registered. */
public record SiteRegistered(String siteId, String name, Platform platform) {
}
