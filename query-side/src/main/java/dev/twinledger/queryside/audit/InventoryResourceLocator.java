package dev.twinledger.queryside.audit;

import dev.twinledger.api.inventory.Environment;
import dev.twinledger.policies.scope.ResourceRef;
import dev.twinledger.queryside.readmodel.ReadModel;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Repository;

import java.util.Optional;

/**
 * Finds a resource of any kind by id in the inventory read model. The kinds share one id space (the event store keys
 * every stream by its id alone), so at most one table has it.
 */
@Repository
class InventoryResourceLocator implements AuditScopes.ResourceLocator {

    private static final String SQL = """
            SELECT 'vm' AS type, site_id, environment, project FROM vms WHERE id = :id
            UNION ALL SELECT 'host', site_id, NULL, NULL FROM hosts WHERE id = :id
            UNION ALL SELECT 'site', id, NULL, NULL FROM sites WHERE id = :id
            UNION ALL SELECT 'project', NULL, NULL, id FROM projects WHERE id = :id
            UNION ALL SELECT 'volume', site_id, NULL, project FROM volumes WHERE id = :id
            UNION ALL SELECT 'container', NULL, NULL, project FROM containers WHERE id = :id
            UNION ALL SELECT 'campaign', site_id, NULL, NULL FROM campaigns WHERE id = :id
            LIMIT 1""";

    private final ReadModel readModel;

    InventoryResourceLocator(ReadModel readModel) {
        this.readModel = readModel;
    }

    @Override
    public Optional<ResourceRef> locate(String id) {
        return readModel.one(SQL, new MapSqlParameterSource("id", id), (rs, n) -> {
            String environment = rs.getString("environment");
            return new ResourceRef(rs.getString("type"), id, rs.getString("site_id"),
                    environment == null ? null : Environment.valueOf(environment), rs.getString("project"));
        });
    }
}
