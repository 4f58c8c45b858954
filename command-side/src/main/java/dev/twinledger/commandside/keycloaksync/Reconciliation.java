package dev.twinledger.commandside.keycloaksync;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The sync's decision, as a pure function of three states: desired (the directory now), pushed (what Twinledger last
 * pushed and recorded) and actual (Keycloak now). For each group and each (group, user) pair:
 * <ul>
 *   <li><b>desired = actual</b>: in sync. The record follows Keycloak (adopt or forget); any drift there was clears.
 *       This is also how an operator resolves drift: change the directory or Keycloak so that they agree.</li>
 *   <li><b>pushed = actual</b>, desired differs: Keycloak is as Twinledger left it, so the directory's change is pushed
 *       (create the group, add or remove the member). A user Keycloak does not know is reported
 *       ({@link DriftKind#UNKNOWN_USER}), never created.</li>
 *   <li>otherwise (pushed = desired, actual differs): someone changed Keycloak behind Twinledger's back. Reported as
 *       drift and left alone, so a deliberate change in Keycloak is never silently undone.</li>
 * </ul>
 * A group created in Keycloak under the parent group that the directory lacks is reported, never deleted; a pushed
 * group deleted in Keycloak is reported and its members are left alone.
 *
 * <p>An <b>overwrite</b> is an operator's request to let the directory win for one drift item: the pushed state of the
 * item is set to what Keycloak has now, so the rule above pushes the directory's state over it. Only the kinds that
 * are {@link DriftKind#overwritable() overwritable} take effect.
 */
public final class Reconciliation {

    private Reconciliation() {
    }

    /**
     * Plans one run.
     *
     * @param desired    the directory's groups and the memberships valid now
     * @param pushed     the recorded baseline
     * @param actual     Keycloak's groups under the parent group, with their members
     * @param knownUsers lower-case usernames Keycloak knows; must include every user the plan could add
     * @param overwrites drift items an operator asked to overwrite with the directory's state
     */
    public static SyncPlan plan(DesiredState desired, PushedState pushed, KeycloakGroups actual,
                                Set<String> knownUsers, Set<DriftItem> overwrites) {
        SortedSet<String> pushedGroups = new TreeSet<>(pushed.groups());
        SortedSet<Membership> pushedPairs = new TreeSet<>(pushed.memberships());
        applyOverwrites(overwrites, actual, pushedGroups, pushedPairs);

        SortedSet<String> create = new TreeSet<>();
        SortedSet<String> adoptGroups = new TreeSet<>();
        SortedSet<Membership> add = new TreeSet<>();
        SortedSet<Membership> remove = new TreeSet<>();
        SortedSet<Membership> adopt = new TreeSet<>();
        SortedSet<Membership> forget = new TreeSet<>();
        List<DriftItem> drift = new ArrayList<>();

        SortedSet<String> groups = new TreeSet<>(desired.groups());
        groups.addAll(actual.byName().keySet());
        for (String group : groups) {
            if (!desired.groups().contains(group)) {
                drift.add(DriftItem.ofGroup(group, DriftKind.EXTRA_GROUP));
                continue;
            }
            if (!actual.has(group)) {
                if (pushedGroups.contains(group)) {
                    drift.add(DriftItem.ofGroup(group, DriftKind.MISSING_GROUP));
                    continue;
                }
                create.add(group);
            } else if (!pushedGroups.contains(group)) {
                adoptGroups.add(group);
            }
            Set<String> members = actual.members(group);
            for (String username : usersOf(group, desired, pushed.memberships(), pushedPairs, members)) {
                Membership pair = new Membership(group, username);
                boolean wanted = desired.memberships().contains(pair);
                boolean present = members.contains(username);
                boolean recorded = pushedPairs.contains(pair);
                if (wanted == present) {
                    // Bookkeeping is against the stored baseline, which an overwrite does not change by itself.
                    if (pushed.memberships().contains(pair) != present) {
                        (present ? adopt : forget).add(pair);
                    }
                } else if (recorded == present) {
                    if (!wanted) {
                        remove.add(pair);
                    } else if (knownUsers.contains(username)) {
                        add.add(pair);
                    } else {
                        drift.add(DriftItem.of(pair, DriftKind.UNKNOWN_USER));
                    }
                } else {
                    drift.add(DriftItem.of(pair, present ? DriftKind.EXTRA_MEMBER : DriftKind.MISSING_MEMBER));
                }
            }
        }
        return new SyncPlan(create, adoptGroups, add, remove, adopt, forget, drift);
    }

    private static void applyOverwrites(Set<DriftItem> overwrites, KeycloakGroups actual, Set<String> pushedGroups,
                                        Set<Membership> pushedPairs) {
        for (DriftItem item : overwrites) {
            if (!item.kind().overwritable()) {
                continue;
            }
            if (item.isMembership()) {
                recordAsPresent(pushedPairs, item.membership(), actual.members(item.group())
                        .contains(item.username()));
            } else {
                // The group is created again (or adopted if it came back) and its memberships pushed afresh.
                pushedGroups.remove(item.group());
                Set<String> members = actual.members(item.group());
                pushedPairs.removeIf(pair -> pair.group().equals(item.group()));
                members.forEach(username -> pushedPairs.add(new Membership(item.group(), username)));
            }
        }
    }

    private static void recordAsPresent(Set<Membership> pushedPairs, Membership pair, boolean present) {
        if (present) {
            pushedPairs.add(pair);
        } else {
            pushedPairs.remove(pair);
        }
    }

    private static SortedSet<String> usersOf(String group, DesiredState desired, Set<Membership> stored,
                                             Set<Membership> baseline, Set<String> members) {
        SortedSet<String> users = new TreeSet<>(members);
        for (Set<Membership> pairs : List.of(desired.memberships(), stored, baseline)) {
            pairs.stream().filter(pair -> pair.group().equals(group)).forEach(pair -> users.add(pair.username()));
        }
        return users;
    }
}
