package dev.twinledger.api.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Create an upgrade campaign at a site.
 *
 * @param campaignId              the new campaign's id; must not exist yet
 * @param name                    human-readable name, not blank
 * @param siteId                  the site; must exist
 * @param hostIds                 the hosts to upgrade, in order; at least one, distinct, all at the site
 * @param temporaryHostIds        hosts lent as temporary capacity, at the site, distinct from {@code hostIds}
 * @param targetVersion           the platform version the hosts are upgraded to, not blank
 * @param maxAttempts             attempts per move before it is given up, 1 to 10
 * @param migrationTimeoutSeconds how long a migration may stay unfinished before the campaign fails it (and retries),
 *                                at least 1
 */
public record CreateUpgradeCampaign(@TargetAggregateIdentifier String campaignId, String name, String siteId,
                                    List<String> hostIds, List<String> temporaryHostIds, String targetVersion,
                                    int maxAttempts, long migrationTimeoutSeconds) {
}
