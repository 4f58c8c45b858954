package dev.twinledger.api.campaign;

/**
 * An event of an upgrade campaign. Each carries the campaign's whole progress after it, so a reader can show the
 * progress from any single one of them, whatever order they reach it in.
 */
public interface CampaignProgressEvent {

    /** The campaign the event belongs to. */
    String campaignId();

    /** The campaign's progress after this event. */
    CampaignProgress progress();
}
