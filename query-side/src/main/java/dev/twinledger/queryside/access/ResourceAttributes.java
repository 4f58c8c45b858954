package dev.twinledger.queryside.access;

import dev.twinledger.api.inventory.Environment;
import dev.twinledger.api.inventory.VmProvisioned;
import dev.twinledger.api.migration.MigrationCompleted;
import dev.twinledger.policies.scope.ResourceRef;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a resource stands (site, environment, project), as the inventory read model says, for matching it against
 * grant scopes. A VM's site comes from its history at the instant asked about (it may have migrated since); every
 * other attribute is the current one, since nothing else moves: a host stays at its site, a VM keeps its environment
 * and project.
 */
@Repository
public class ResourceAttributes {

    private final JdbcTemplate jdbc;

    public ResourceAttributes(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
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
        // The last placement at or before asOf on the VM's own stream: provisioning, or a completed migration.
        List<String> sites = jdbc.queryForList("""
                SELECT coalesce(payload->>'targetSiteId', payload->>'siteId') FROM resource_history
                 WHERE resource_id = ? AND occurred_at <= ? AND event_type IN (?, ?)
                 ORDER BY global_position DESC LIMIT 1""", String.class, id, Timestamp.from(asOf),
                VmProvisioned.class.getName(), MigrationCompleted.class.getName());
        ResourceRef now = current.get().resource();
        if (sites.isEmpty() || sites.get(0) == null) {
            return Optional.of(new Located(now, "inventory (current site: the VM was not provisioned at asOf)"));
        }
        return Optional.of(new Located(new ResourceRef("vm", id, sites.get(0), now.environment(), now.project()),
                "inventory (site at asOf from the VM's history)"));
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
