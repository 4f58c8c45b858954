package dev.twinledger.api.campaign;

/** Where one host of a campaign stands. */
public enum CampaignPhase {
    /** Not started yet. */
    PENDING,
    /** In maintenance; its VMs are migrating out. */
    EVACUATING,
    /** Empty; the campaign waits until the host is reported upgraded. */
    AWAITING_UPGRADE,
    /** Upgraded and active again; its VMs are migrating back. */
    RETURNING,
    /** Upgraded, and its VMs are back. */
    DONE,
    /** Given up on (a migration failed on every attempt); the host is not upgraded and named in the report. */
    SKIPPED
}
