package dev.twinledger.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Register a data-centre site.
 *
 * @param siteId   the new site's id ({@link dev.twinledger.api.ResourceIds}); must not exist yet
 * @param name     human-readable name, not blank
 * @param platform the virtualization platform the site runs, not null
 */
public record RegisterSite(@TargetAggregateIdentifier String siteId, String name, Platform platform) {
}
