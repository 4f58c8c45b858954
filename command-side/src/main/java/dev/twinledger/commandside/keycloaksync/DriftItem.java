package dev.twinledger.commandside.keycloaksync;

import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;

/**
 * One difference between the directory and Keycloak that the sync reports instead of pushing over it.
 *
 * @param group    the group id; not blank
 * @param username the lower-case username for a membership item, null for a group item ({@link DriftKind#MISSING_GROUP},
 *                 {@link DriftKind#EXTRA_GROUP})
 * @param kind     what differs; not null
 */
public record DriftItem(String group, String username, DriftKind kind) implements Comparable<DriftItem> {

    private static final Comparator<DriftItem> ORDER = Comparator.comparing(DriftItem::group)
            .thenComparing(DriftItem::username, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(DriftItem::kind);

    public DriftItem {
        Membership.requireText(group, "group");
        Objects.requireNonNull(kind, "kind");
        boolean groupLevel = kind == DriftKind.MISSING_GROUP || kind == DriftKind.EXTRA_GROUP;
        if (groupLevel != (username == null)) {
            throw new IllegalArgumentException(kind + " needs " + (groupLevel ? "no" : "a") + " username");
        }
        username = username == null ? null : Membership.requireText(username, "username").toLowerCase(Locale.ROOT);
    }

    /** A drift of one membership. */
    public static DriftItem of(Membership membership, DriftKind kind) {
        return new DriftItem(membership.group(), membership.username(), kind);
    }

    /** A drift of a whole group. */
    public static DriftItem ofGroup(String group, DriftKind kind) {
        return new DriftItem(group, null, kind);
    }

    /** Whether this item is about one membership rather than a whole group. */
    public boolean isMembership() {
        return username != null;
    }

    /** The membership this item is about; only for {@link #isMembership()}. */
    public Membership membership() {
        if (username == null) {
            throw new IllegalStateException(kind + " is about group " + group + ", not a membership");
        }
        return new Membership(group, username);
    }

    @Override
    public int compareTo(DriftItem other) {
        return ORDER.compare(this, other);
    }

    /** For example {@code EXTRA_MEMBER alice in ops}, {@code MISSING_GROUP ops}. */
    @Override
    public String toString() {
        return username == null ? kind + " " + group : kind + " " + username + " in " + group;
    }
}
