package dev.twinledger.commandside.keycloaksync;

import dev.twinledger.commandside.authorization.AccessLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One sync run: reads the directory's memberships valid now, the recorded baseline and Keycloak's groups under the
 * parent group, plans with {@link Reconciliation}, makes the planned changes in Keycloak and records the outcome.
 *
 * <p>A failing Keycloak call ends the run at once and records only the failure. Changes already made are not lost:
 * the next run finds them in Keycloak, where they agree with the directory, and records them then. Runs must not
 * overlap (db-scheduler runs one at a time across instances); the method is not meant for concurrent calls.
 */
public final class KeycloakGroupSync {

    private static final Logger log = LoggerFactory.getLogger(KeycloakGroupSync.class);

    private final AccessLookup directory;
    private final KeycloakAdmin keycloak;
    private final KeycloakSyncStore store;
    private final KeycloakSyncMetrics metrics;
    private final String parentGroup;
    private final Clock clock;
    private volatile boolean failing;

    /**
     * @param parentGroup the top-level Keycloak group under which every Twinledger group lives; created when missing
     */
    public KeycloakGroupSync(AccessLookup directory, KeycloakAdmin keycloak, KeycloakSyncStore store,
                             KeycloakSyncMetrics metrics, String parentGroup, Clock clock) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.keycloak = Objects.requireNonNull(keycloak, "keycloak");
        this.store = Objects.requireNonNull(store, "store");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.parentGroup = Membership.requireText(parentGroup, "parentGroup");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Runs once and answers what it did; never throws for a Keycloak or database failure, it records it. */
    public SyncRun runOnce() {
        Instant started = clock.instant();
        try {
            SyncRun run = reconcile(started);
            if (failing) {
                log.info("Keycloak group sync works again");
                failing = false;
            }
            metrics.ran(run);
            return run;
        } catch (RuntimeException e) {
            SyncRun run = new SyncRun(started, clock.instant(), describe(e), 0, 0, 0, List.of());
            if (!failing) {
                log.warn("Keycloak group sync failed; nothing recorded, retried on the next run: {}", run.error());
                failing = true;
            } else {
                log.debug("Keycloak group sync still failing: {}", run.error());
            }
            try {
                store.recordFailure(run);
            } catch (RuntimeException storeFailure) {
                log.debug("Could not record the failed sync run", storeFailure);
            }
            metrics.ran(run);
            return run;
        }
    }

    private SyncRun reconcile(Instant now) {
        DesiredState desired = DesiredState.of(directory.current(), now);
        PushedState pushed = store.pushed();
        String parentId = keycloak.ensureTopLevelGroup(parentGroup);
        KeycloakGroups actual = keycloak.subgroups(parentId);

        Map<String, String> userIds = new HashMap<>();
        Map<String, String> groupIds = new HashMap<>();
        actual.byName().forEach((name, group) -> {
            groupIds.put(name, group.id());
            userIds.putAll(group.members());
        });
        // Only users the directory wants somewhere they are not yet are looked up: a steady state costs no lookups.
        for (Membership wanted : desired.memberships()) {
            if (!userIds.containsKey(wanted.username())) {
                keycloak.findUser(wanted.username()).ifPresent(id -> userIds.put(wanted.username(), id));
            }
        }
        SyncPlan plan = Reconciliation.plan(desired, pushed, actual, userIds.keySet(), store.overwrites());
        log.debug("Keycloak group sync plan: {} groups to create, {} to add, {} to remove, {} to adopt, {} to forget,"
                        + " {} drift items", plan.createGroups().size(), plan.add().size(), plan.remove().size(),
                plan.adopt().size(), plan.forget().size(), plan.drift().size());

        for (String group : plan.createGroups()) {
            groupIds.put(group, keycloak.createSubgroup(parentId, group));
            log.info("Keycloak group sync created group {}/{}", parentGroup, group);
        }
        for (Membership pair : plan.add()) {
            keycloak.addMember(userIds.get(pair.username()), groupIds.get(pair.group()));
            log.info("Keycloak group sync added {} to {}/{}", pair.username(), parentGroup, pair.group());
        }
        for (Membership pair : plan.remove()) {
            keycloak.removeMember(userIds.get(pair.username()), groupIds.get(pair.group()));
            log.info("Keycloak group sync removed {} from {}/{}", pair.username(), parentGroup, pair.group());
        }

        SyncRun run = new SyncRun(now, clock.instant(), null, plan.createGroups().size(), plan.add().size(),
                plan.remove().size(), plan.drift());
        KeycloakSyncStore.DriftChanges changes = store.recordSuccess(plan, run);
        for (DriftView item : changes.appeared()) {
            log.warn("Keycloak group sync found drift, left alone until resolved: {}", describe(item.item()));
        }
        for (DriftView item : changes.cleared()) {
            log.info("Keycloak group sync drift resolved: {}", item.item());
        }
        log.debug("Keycloak group sync run done: {} desired memberships, {} drift items",
                desired.memberships().size(), run.drift().size());
        return run;
    }

    private static String describe(DriftItem item) {
        return switch (item.kind()) {
            case EXTRA_MEMBER -> item.username() + " is in group " + item.group()
                    + " in Keycloak, but the directory does not make them a member (added in Keycloak)";
            case MISSING_MEMBER -> item.username() + " is missing from group " + item.group()
                    + " in Keycloak, but the directory makes them a member (removed in Keycloak)";
            case MISSING_GROUP -> "group " + item.group() + " is missing in Keycloak (deleted in Keycloak)";
            case EXTRA_GROUP -> "group " + item.group()
                    + " exists under the parent group in Keycloak, but not in the directory";
            case UNKNOWN_USER -> "the directory makes " + item.username() + " a member of " + item.group()
                    + ", but Keycloak has no such user";
        };
    }

    private static String describe(RuntimeException e) {
        return e instanceof KeycloakAdminException ? e.getMessage() : e.getClass().getSimpleName() + ": "
                + e.getMessage();
    }
}
