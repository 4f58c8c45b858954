/**
 * The zero-downtime upgrade campaign: designate temporary hosts, then, host by host, put the host in maintenance,
 * evacuate its VMs onto other capacity, wait until the host is reported upgraded, bring it back and migrate its VMs
 * back; finally close with a report. Every campaign event carries {@link dev.twinledger.api.campaign.CampaignProgress}
 * so a read model can show progress from any single event. Commands marked "sent by the campaign's process" are
 * not part of the REST API.
 */
package dev.twinledger.api.campaign;
