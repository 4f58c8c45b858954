package dev.twinledger.commandside.keycloaksync;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sync's tables (Flyway {@code V4__keycloak_sync.sql}): the pushed baseline, the drift found by the latest
 * successful run, and the latest run. A run's outcome is recorded in one transaction.
 */
public class KeycloakSyncStore {

    private static final String NO_USER = "";

    private static final RowMapper<DriftView> DRIFT = (rs, row) -> new DriftView(rs.getString("group_id"),
            rs.getString("username").isEmpty() ? null : rs.getString("username"),
            DriftKind.valueOf(rs.getString("kind")), instant(rs.getTimestamp("detected_at")),
            rs.getString("overwrite_requested_by"), instant(rs.getTimestamp("overwrite_requested_at")));

    private static final String DRIFT_COLUMNS =
            "group_id, username, kind, detected_at, overwrite_requested_by, overwrite_requested_at";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public KeycloakSyncStore(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** The recorded baseline. */
    public PushedState pushed() {
        return new PushedState(new TreeSet<>(jdbc.queryForList("SELECT group_id FROM keycloak_sync_group",
                String.class)), new TreeSet<>(jdbc.query("SELECT group_id, username FROM keycloak_sync_member",
                (rs, row) -> new Membership(rs.getString(1), rs.getString(2)))));
    }

    /** The drift items an operator asked to overwrite. */
    public Set<DriftItem> overwrites() {
        return new HashSet<>(jdbc.query("SELECT " + DRIFT_COLUMNS
                + " FROM keycloak_sync_drift WHERE overwrite_requested_at IS NOT NULL", DRIFT)
                .stream().map(DriftView::item).toList());
    }

    /** The current drift, by group then user. */
    public List<DriftView> drift() {
        return jdbc.query("SELECT " + DRIFT_COLUMNS + " FROM keycloak_sync_drift ORDER BY group_id, username", DRIFT);
    }

    /** How many drift items there are of each kind (zero included). */
    public Map<DriftKind, Long> driftCounts() {
        Map<DriftKind, Long> counts = new EnumMap<>(DriftKind.class);
        for (DriftKind kind : DriftKind.values()) {
            counts.put(kind, 0L);
        }
        jdbc.query("SELECT kind, count(*) FROM keycloak_sync_drift GROUP BY kind",
                rs -> {
                    counts.put(DriftKind.valueOf(rs.getString(1)), rs.getLong(2));
                });
        return counts;
    }

    /** How many groups and memberships the baseline holds. */
    public PushedCounts pushedCounts() {
        return jdbc.queryForObject("SELECT (SELECT count(*) FROM keycloak_sync_group),"
                + " (SELECT count(*) FROM keycloak_sync_member)", (rs, row) -> new PushedCounts(rs.getLong(1),
                rs.getLong(2)));
    }

    /** The latest run, if any ran. */
    public Optional<LastRun> lastRun() {
        return jdbc.query("""
                SELECT started_at, finished_at, succeeded, error, groups_created, members_added, members_removed,
                       last_success_at
                  FROM keycloak_sync_run WHERE id = 1""", (rs, row) -> new LastRun(
                instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("finished_at")),
                rs.getBoolean("succeeded"), rs.getString("error"), rs.getInt("groups_created"),
                rs.getInt("members_added"), rs.getInt("members_removed"),
                instant(rs.getTimestamp("last_success_at")))).stream().findFirst();
    }

    /**
     * Records a successful run in one transaction: the baseline changes of {@code plan} (the Keycloak changes it
     * planned were all made), its drift merged into the stored drift (an item keeps its detection time and overwrite
     * request while it persists with the same kind), and the run itself.
     *
     * @return the drift items that appeared and those that cleared with this run
     */
    public DriftChanges recordSuccess(SyncPlan plan, SyncRun run) {
        return transactions.execute(status -> {
            Timestamp at = Timestamp.from(run.finishedAt());
            Set<String> groups = new TreeSet<>(plan.createGroups());
            groups.addAll(plan.adoptGroups());
            for (String group : groups) {
                jdbc.update("INSERT INTO keycloak_sync_group (group_id, pushed_at) VALUES (?, ?)"
                        + " ON CONFLICT (group_id) DO NOTHING", group, at);
            }
            Set<Membership> recorded = new TreeSet<>(plan.add());
            recorded.addAll(plan.adopt());
            for (Membership pair : recorded) {
                jdbc.update("INSERT INTO keycloak_sync_member (group_id, username, pushed_at) VALUES (?, ?, ?)"
                        + " ON CONFLICT (group_id, username) DO NOTHING", pair.group(), pair.username(), at);
            }
            Set<Membership> forgotten = new TreeSet<>(plan.remove());
            forgotten.addAll(plan.forget());
            for (Membership pair : forgotten) {
                jdbc.update("DELETE FROM keycloak_sync_member WHERE group_id = ? AND username = ?", pair.group(),
                        pair.username());
            }
            DriftChanges changes = mergeDrift(plan.drift(), run.finishedAt());
            jdbc.update("""
                    INSERT INTO keycloak_sync_run (id, started_at, finished_at, succeeded, error, groups_created,
                                                   members_added, members_removed, last_success_at)
                    VALUES (1, ?, ?, TRUE, NULL, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET started_at = excluded.started_at,
                        finished_at = excluded.finished_at, succeeded = TRUE, error = NULL,
                        groups_created = excluded.groups_created, members_added = excluded.members_added,
                        members_removed = excluded.members_removed, last_success_at = excluded.last_success_at""",
                    Timestamp.from(run.startedAt()), at, run.groupsCreated(), run.membersAdded(),
                    run.membersRemoved(), at);
            return changes;
        });
    }

    /** Records a failed run; the baseline, the drift and the latest success's figures stay as they were. */
    public void recordFailure(SyncRun run) {
        String error = run.error().length() > 1000 ? run.error().substring(0, 997) + "..." : run.error();
        jdbc.update("""
                INSERT INTO keycloak_sync_run (id, started_at, finished_at, succeeded, error)
                VALUES (1, ?, ?, FALSE, ?)
                ON CONFLICT (id) DO UPDATE SET started_at = excluded.started_at, finished_at = excluded.finished_at,
                    succeeded = FALSE, error = excluded.error""",
                Timestamp.from(run.startedAt()), Timestamp.from(run.finishedAt()), error);
    }

    /**
     * Asks the next run to overwrite Keycloak with the directory for one drift item. Repeating it changes nothing
     * but the requester and time.
     *
     * @param group    the item's group
     * @param username the item's username, or null for a group item
     * @return the item as now stored, or empty when there is no such drift item
     * @throws NotOverwritable when the item's kind is not {@link DriftKind#overwritable()}
     */
    public Optional<DriftView> requestOverwrite(String group, String username, String requestedBy, Instant at) {
        String user = username == null ? NO_USER : username.toLowerCase(java.util.Locale.ROOT);
        return transactions.execute(status -> {
            Optional<DriftView> found = jdbc.query("SELECT " + DRIFT_COLUMNS
                            + " FROM keycloak_sync_drift WHERE group_id = ? AND username = ? FOR UPDATE", DRIFT,
                    group, user).stream().findFirst();
            if (found.isEmpty()) {
                return found;
            }
            if (!found.get().kind().overwritable()) {
                throw new NotOverwritable(found.get().kind() + " cannot be overwritten");
            }
            jdbc.update("UPDATE keycloak_sync_drift SET overwrite_requested_by = ?, overwrite_requested_at = ?"
                    + " WHERE group_id = ? AND username = ?", requestedBy, Timestamp.from(at), group, user);
            DriftView item = found.get();
            return Optional.of(new DriftView(item.group(), item.username(), item.kind(), item.detectedAt(),
                    requestedBy, at));
        });
    }

    private DriftChanges mergeDrift(List<DriftItem> drift, Instant now) {
        Map<String, DriftView> stored = new LinkedHashMap<>();
        for (DriftView view : jdbc.query("SELECT " + DRIFT_COLUMNS + " FROM keycloak_sync_drift FOR UPDATE",
                DRIFT)) {
            stored.put(key(view.group(), view.username()), view);
        }
        List<DriftView> appeared = new ArrayList<>();
        for (DriftItem item : drift) {
            DriftView before = stored.remove(key(item.group(), item.username()));
            if (before != null && before.kind() == item.kind()) {
                continue;
            }
            String user = item.username() == null ? NO_USER : item.username();
            if (before != null) {
                jdbc.update("DELETE FROM keycloak_sync_drift WHERE group_id = ? AND username = ?", item.group(),
                        user);
            }
            jdbc.update("INSERT INTO keycloak_sync_drift (group_id, username, kind, detected_at) VALUES (?, ?, ?, ?)",
                    item.group(), user, item.kind().name(), Timestamp.from(now));
            appeared.add(new DriftView(item.group(), item.username(), item.kind(), now, null, null));
        }
        for (DriftView cleared : stored.values()) {
            jdbc.update("DELETE FROM keycloak_sync_drift WHERE group_id = ? AND username = ?", cleared.group(),
                    cleared.username() == null ? NO_USER : cleared.username());
        }
        return new DriftChanges(appeared, List.copyOf(stored.values()));
    }

    private static String key(String group, String username) {
        return group + "\n" + (username == null ? NO_USER : username);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /**
     * How the drift changed with a run.
     *
     * @param appeared items new with this run (or whose kind changed)
     * @param cleared  items gone with this run: the directory and Keycloak agree again, or an overwrite was done
     */
    public record DriftChanges(List<DriftView> appeared, List<DriftView> cleared) {
    }

    /** An overwrite was asked for a drift item whose kind does not allow it. */
    public static final class NotOverwritable extends RuntimeException {

        public NotOverwritable(String message) {
            super(message);
        }
    }

    /**
     * The size of the baseline.
     *
     * @param groups      groups Twinledger manages under the parent group
     * @param memberships memberships Twinledger has pushed and not removed
     */
    public record PushedCounts(long groups, long memberships) {
    }
}
