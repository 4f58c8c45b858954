/**
 * The zero-downtime upgrade campaign on the command side: the {@code UpgradeCampaign} aggregate that plans and counts
 * every move, and the {@code UpgradeCampaignProcess} saga that drives hosts, migrations and their deadlines.
 */
package dev.twinledger.commandside.campaign;
