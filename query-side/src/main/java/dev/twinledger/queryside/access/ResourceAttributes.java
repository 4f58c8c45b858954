package dev.twinledger.queryside.access;

import dev.twinledger.api.inventory.Environment;
import dev.twinledger.policies.scope.ResourceRef;
import dev.twinledger.queryside.asof.InventoryVersions;
import dev.twinledger.queryside.asof.SnapshotView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a resource stands (site, environment, project), as the inventory read model says, for matching it against
 * grant scopes. A VM's site comes from its inventory version at the instant asked about ({@link InventoryVersions},
 * the same version the point-in-time inventory answers with; it may have migrated since); every other attribute is
 * the current one, since nothing else moves: a host stays at its site, a VM keeps its environment and project.
 */
@Repository
public class ResourceAttributes {

    private final JdbcTemplate jdbc;
    private final InventoryVersions versions;

    public ResourceAttributes(DataSource dataSource, InventoryVersions versions) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.versions = versions;
    }

    /**
     * The resource's attributes as of {@code asOf}, with where they came from; empty when the inventory does not know
     * the resource (or the type has no attributes to look up).
     */
    public Optional<Located> locate(String type, String id, Instant asOf) {
        return switch (type) {
            case "vm" -> vm(id, asOf);
            case "host" -> one("SELECT site_id, NULL AS environment, NULL AS project FROM hosts WHERE id = ?", type,
                    id);
            case "site" -> one("SELECT id AS site_id, NULL AS environment, NULL AS project FROM sites WHERE id = ?",
                    type, id);
            case "project" -> one("SELECT NULL AS site_id, NULL AS environment, id AS project FROM projects "
                    + "WHERE id = ?", type, id);
            case "volume" -> one("SELECT site_id, NULL AS environment, project FROM volumes WHERE id = ?", type, id);
            case "container", "storage" -> one("SELECT NULL AS site_id, NULL AS environment, project FROM containers "
                    + "WHERE id = ?", type, id);
            case "campaign" -> one("SELECT site_id, NULL AS environment, NULL AS project FROM campaigns WHERE id = ?",
                    type, id);
            default -> Optional.empty();
        };
    }

    private Optional<Located> vm(String id, Instant asOf) {
        Optional<Located> current = one("SELECT site_id, environment, project FROM vms WHERE id = ?", "vm", id);
        if (current.isEmpty()) {
            return current;
        }
        // The VM's inventory version at asOf, the one the point-in-time inventory answers with: its site then.
        Optional<SnapshotView> then = versions.at(id, asOf);
        if (then.isEmpty()) {
            return Optional.of(new Located(current.get().resource(),
                    "inventory (current site: the VM was not provisioned at asOf)"));
        }
        return Optional.of(new Located(then.get().asResourceRef(), "inventory (site at asOf, from the VM's version "
                + "then)"));
    }

    private Optional<Located> one(String sql, String type, String id) {
        return jdbc.query(sql, (rs, n) -> new Located(new ResourceRef(type, id, rs.getString("site_id"),
                        environment(rs.getString("environment")), rs.getString("project")), "inventory (current)"),
                id).stream().findFirst();
    }

    private static Environment environment(String name) {
        return name == null ? null : Environment.valueOf(name);
    }

    /**
     * A resource with its attributes.
     *
     * @param resource the resource
     * @param source   where its attributes come from, in words
     */
    public record Located(ResourceRef resource, String source) {
    }
}
