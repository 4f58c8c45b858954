package dev.twinledger.commandside.keycloaksync;

import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What one run does: the changes to push to Keycloak, the bookkeeping of pairs where the directory and Keycloak
 * already agree, and the drift it reports and leaves alone.
 *
 * @param createGroups groups to create under the parent group (and record as pushed)
 * @param adoptGroups  groups that already exist in Keycloak, to record as pushed
 * @param add          memberships to add in Keycloak (and record)
 * @param remove       memberships to remove from Keycloak (and forget)
 * @param adopt        memberships Keycloak already has as the directory wants, to record as pushed
 * @param forget       memberships Keycloak already lacks as the directory wants, to forget
 * @param drift        what differs and is left alone, sorted
 */
public record SyncPlan(SortedSet<String> createGroups, SortedSet<String> adoptGroups, SortedSet<Membership> add,
                       SortedSet<Membership> remove, SortedSet<Membership> adopt, SortedSet<Membership> forget,
                       List<DriftItem> drift) {

    public SyncPlan {
        createGroups = Collections.unmodifiableSortedSet(new TreeSet<>(createGroups));
        adoptGroups = Collections.unmodifiableSortedSet(new TreeSet<>(adoptGroups));
        add = Collections.unmodifiableSortedSet(new TreeSet<>(add));
        remove = Collections.unmodifiableSortedSet(new TreeSet<>(remove));
        adopt = Collections.unmodifiableSortedSet(new TreeSet<>(adopt));
        forget = Collections.unmodifiableSortedSet(new TreeSet<>(forget));
        drift = List.copyOf(new TreeSet<>(drift));
    }

    /** Whether the run changes anything in Keycloak. */
    public boolean changesKeycloak() {
        return !createGroups.isEmpty() || !add.isEmpty() || !remove.isEmpty();
    }
}
