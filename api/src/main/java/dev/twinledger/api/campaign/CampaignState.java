package dev.twinledger.api.campaign;

/** Where a campaign stands. COMPLETED is final. */
public enum CampaignState {
    CREATED,
    RUNNING,
    PAUSED,
    COMPLETED
}
