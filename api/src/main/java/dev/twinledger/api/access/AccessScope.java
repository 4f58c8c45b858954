package dev.twinledger.api.access;

import dev.twinledger.api.inventory.Environment;

/**
 * Where a grant applies: a conjunction of optional attributes, each null meaning "any". All null is everywhere.
 * A single resource is named by both {@code resourceType} and {@code resourceId}, or by neither.
 *
 * @param siteId       the site, or null
 * @param environment  the environment, or null
 * @param project      the project, or null
 * @param resourceType the type of one resource ({@code vm}, {@code host}, ...), or null
 * @param resourceId   the id of that resource, or null
 */
public record AccessScope(String siteId, Environment environment, String project, String resourceType,
                          String resourceId) {

    /** Every resource. */
    public static final AccessScope EVERYWHERE = new AccessScope(null, null, null, null, null);
}
