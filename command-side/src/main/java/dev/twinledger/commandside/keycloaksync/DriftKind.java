package dev.twinledger.commandside.keycloaksync;

/**
 * How Keycloak differs from what Twinledger last pushed (or cannot take a push). The sync leaves a drifted group or
 * membership alone until the directory and Keycloak agree again, or an operator asks Twinledger to overwrite it.
 */
public enum DriftKind {

    /** A user is a member in Keycloak whom Twinledger neither pushed nor wants there: added by hand. */
    EXTRA_MEMBER(true),
    /** A membership Twinledger pushed and still wants is gone from Keycloak: removed by hand. */
    MISSING_MEMBER(true),
    /** A group Twinledger created is gone from Keycloak: deleted by hand. */
    MISSING_GROUP(true),
    /** A group under the parent group that the directory does not have: created by hand. Never deleted by the sync. */
    EXTRA_GROUP(false),
    /** The directory makes a user a member whom Keycloak does not know. Users are never created by the sync. */
    UNKNOWN_USER(false);

    private final boolean overwritable;

    DriftKind(boolean overwritable) {
        this.overwritable = overwritable;
    }

    /** Whether an operator may ask the sync to overwrite Keycloak with the directory for an item of this kind. */
    public boolean overwritable() {
        return overwritable;
    }
}
