package dev.twinledger.projections.pointintime;

import dev.twinledger.api.inventory.Platform;

import java.time.Instant;

/** A site as registered; nothing on its stream changes it afterwards. */
public record SiteSnapshot(String id, String name, Platform platform, Instant registeredAt)
        implements ResourceSnapshot {

    /** {@value}. */
    public static final String TYPE = "site";

    @Override
    public String resourceType() {
        return TYPE;
    }

    @Override
    public FilterColumns filterColumns() {
        return FilterColumns.NONE;
    }
}
