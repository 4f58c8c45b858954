package dev.twinledger.api.inventory;

/** The environment a workload belongs to. */
public enum Environment {
    PROD,
    STAGING,
    DEV,
    TEST
}
