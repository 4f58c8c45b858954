package dev.twinledger.api.access;

/** The one access directory: every access command targets the aggregate with this id. */
public final class AccessDirectory {

    /** The aggregate id of the access directory. */
    public static final String ID = "access-directory";

    private AccessDirectory() {
    }
}
