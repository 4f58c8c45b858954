package dev.twinledger.projections.pointintime;

import java.time.Instant;

/** A project as registered; nothing on its stream changes it afterwards. */
public record ProjectSnapshot(String id, String name, String description, Instant registeredAt)
        implements ResourceSnapshot {

    /** {@value}. */
    public static final String TYPE = "project";

    @Override
    public String resourceType() {
        return TYPE;
    }

    @Override
    public FilterColumns filterColumns() {
        return FilterColumns.NONE;
    }
}
