package dev.twinledger.queryside.pointintime;

import dev.twinledger.queryside.asof.InventoryVersions;
import dev.twinledger.queryside.asof.SnapshotView;
import dev.twinledger.queryside.readmodel.ReadModel;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A site's or a project's resources as they were at an instant, from {@code inventory_versions} (and
 * {@code container_version_sites}): each resource's version valid then ({@link InventoryVersions}), listed in id
 * order, one branch per resource type. Every branch is a bounded index scan: in id order, stopping after a page;
 * hosts stepped one id at a time; at instants where the owner's resources are sparse, the versions started before
 * (ended after) the instant, sorted (see the migration V5 and ADR 15).
 */
@Repository
public class PointInTimeQueries {

    /** The types a site lists: what stands in it, and containers with a replica there. */
    public static final List<String> SITE_TYPES = List.of("container", "host", "vm", "volume");
    /** The types a project lists: what it owns. */
    public static final List<String> PROJECT_TYPES = List.of("container", "vm", "volume");

    private static final String COLUMNS = InventoryVersions.COLUMNS;
    private static final String VALID_AT =
            "v.valid_from <= :at AND coalesce(v.valid_to, 'infinity'::timestamptz) > :at";

    private final ReadModel readModel;
    private final InventoryVersions versions;

    public PointInTimeQueries(ReadModel readModel, InventoryVersions versions) {
        this.readModel = readModel;
        this.versions = versions;
    }

    /**
     * The site's version at {@code at} and up to {@code limit + 1} of the resources that stood in it then (hosts,
     * VMs, volumes by their site; containers by their replica sites), ordered by id, after {@code after}.
     *
     * @param types  the resource types to list, a subset of {@link #SITE_TYPES}
     * @param state  only resources in this lifecycle state then, or null for any (containers have none)
     * @param after  list ids greater than this one, or null to start at the first
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Listing siteAt(String siteId, Instant at, Set<String> types, String state, String after, int limit) {
        MapSqlParameterSource params = params(at, after, limit).addValue("site", siteId).addValue("state", state);
        List<String> branches = new ArrayList<>();
        for (String type : SITE_TYPES) {
            if (!types.contains(type)) {
                continue;
            }
            if (type.equals("container")) {
                if (state == null) {
                    branches.add(containersAtSite());
                }
            } else if (type.equals("host")) {
                branches.add(hostsAtSite(state));
            } else {
                branches.add(ofType("site_id", ":site", type, state, params, branches.size()));
            }
        }
        return listing(versions.at(siteId, at).filter(v -> v.type().equals("site")), branches, params);
    }

    /**
     * The project's version at {@code at} and up to {@code limit + 1} of the VMs, volumes and containers it owned
     * then, ordered by id, after {@code after}.
     *
     * @param types the resource types to list, a subset of {@link #PROJECT_TYPES}
     * @param after list ids greater than this one, or null to start at the first
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Listing projectAt(String project, Instant at, Set<String> types, String after, int limit) {
        MapSqlParameterSource params = params(at, after, limit).addValue("project", project);
        List<String> branches = new ArrayList<>();
        for (String type : PROJECT_TYPES) {
            if (types.contains(type)) {
                branches.add(ofType("project", ":project", type, null, params, branches.size()));
            }
        }
        return listing(versions.at(project, at).filter(v -> v.type().equals("project")), branches, params);
    }

    /**
     * A listing's owner (site or project) as it was, if it existed then, and one page of its resources with one
     * extra, whose presence says another page follows.
     */
    public record Listing(Optional<SnapshotView> owner, List<SnapshotView> items) {
    }

    /**
     * One type's resources valid at T under the owner column, in id order after the cursor: a range scan of the
     * (owner, type, id, valid_from, valid_to) index that stops after {@code :limit} rows.
     */
    private static String ofType(String ownerColumn, String ownerParam, String type, String state,
                                 MapSqlParameterSource params, int branch) {
        String typeParam = "type" + branch;
        params.addValue(typeParam, type);
        return "(SELECT " + COLUMNS + " FROM inventory_versions v WHERE v." + ownerColumn + " = " + ownerParam
                + " AND v.resource_type = :" + typeParam + " AND v.resource_id > :after AND " + VALID_AT
                + (state == null ? "" : " AND v.state = :state")
                + " ORDER BY v.resource_id LIMIT :limit)";
    }

    /**
     * The site's hosts at T, stepping from one host id to the next and looking up each one's version at T. A host's
     * stream grows with every VM placed on or moved off it (hundreds of versions), so a range scan over its versions
     * would cross them all; VMs, volumes and containers have few versions each, hosts per site are few. The ids come
     * in order and the recursion stops once the page is full.
     */
    private static String hostsAtSite(String state) {
        return "(WITH RECURSIVE hosts(id) AS ("
                + "(SELECT resource_id FROM inventory_versions WHERE site_id = :site AND resource_type = 'host'"
                + " AND resource_id > :after ORDER BY resource_id LIMIT 1)"
                + " UNION ALL SELECT (SELECT n.resource_id FROM inventory_versions n WHERE n.site_id = :site"
                + " AND n.resource_type = 'host' AND n.resource_id > hosts.id ORDER BY n.resource_id LIMIT 1)"
                + " FROM hosts WHERE hosts.id IS NOT NULL)"
                + " SELECT " + COLUMNS + " FROM hosts CROSS JOIN LATERAL (SELECT * FROM inventory_versions h"
                + " WHERE h.resource_id = hosts.id AND h.valid_from <= :at"
                + " ORDER BY h.valid_from DESC, h.sequence_number DESC LIMIT 1) v"
                + " WHERE v.site_id = :site AND " + VALID_AT + (state == null ? "" : " AND v.state = :state")
                + " LIMIT :limit)";
    }

    /** Containers with a replica at the site at T, through their per-site rows (a container has several sites). */
    private static String containersAtSite() {
        // The page of site rows first, then its versions by primary key: joined unbounded, the planner may merge
        // with a scan of every version from the first id on.
        return "(SELECT " + COLUMNS + " FROM (SELECT container_id, sequence_number FROM container_version_sites"
                + " WHERE site_id = :site AND container_id > :after AND valid_from <= :at"
                + " AND coalesce(valid_to, 'infinity'::timestamptz) > :at"
                + " ORDER BY container_id LIMIT :limit) c"
                + " JOIN inventory_versions v ON v.resource_id = c.container_id"
                + " AND v.sequence_number = c.sequence_number"
                + " ORDER BY v.resource_id)";
    }

    /**
     * Nothing stood in a site, or belonged to a project, before it was registered (the command side refuses it), so
     * without its version at T there is nothing to list; skipping the scans also spares the one case where a scan
     * cannot stop early: an instant before any of the owner's resources, when no version under it matches.
     */
    private Listing listing(Optional<SnapshotView> owner, List<String> branches, MapSqlParameterSource params) {
        return new Listing(owner, owner.isPresent() ? page(branches, params) : List.of());
    }

    /** The branches merged in id order: each is already in id order and bounded, so the page is cheap. */
    private List<SnapshotView> page(List<String> branches, MapSqlParameterSource params) {
        if (branches.isEmpty()) {
            return List.of();
        }
        // Whether a scan in id order or one by time is cheaper depends on the instant (see V5); a plan cached for
        // any instant would be wrong for some. Local to this read-only transaction.
        readModel.update("SET LOCAL plan_cache_mode = force_custom_plan", new MapSqlParameterSource());
        return readModel.list("SELECT * FROM (" + String.join(" UNION ALL ", branches) + ") page"
                + " ORDER BY resource_id LIMIT :limit", params, InventoryVersions::snapshot);
    }

    private static MapSqlParameterSource params(Instant at, String after, int limit) {
        // The cursor is exclusive; "" sorts before every id in the "C" collation.
        return new MapSqlParameterSource("at", at.atOffset(ZoneOffset.UTC))
                .addValue("after", after == null ? "" : after)
                .addValue("limit", limit + 1);
    }
}
