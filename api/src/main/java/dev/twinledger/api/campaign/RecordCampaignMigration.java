package dev.twinledger.api.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the campaign's process: the outcome of one of its migrations.
 *
 * @param succeeded whether the migration completed
 * @param reason    why it failed, or null
 */
public record RecordCampaignMigration(@TargetAggregateIdentifier String campaignId, String migrationId,
                                      boolean succeeded, String reason) {
}
