package dev.twinledger.queryside.storage;

import dev.twinledger.api.storage.ReplicaStatus;
import dev.twinledger.queryside.readmodel.ReadModel;
import dev.twinledger.queryside.readmodel.Where;
import dev.twinledger.queryside.web.PageView;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static dev.twinledger.queryside.readmodel.Rows.enumOf;
import static dev.twinledger.queryside.readmodel.Rows.instant;
import static dev.twinledger.queryside.readmodel.Rows.stringList;

/** Reads {@code containers} and {@code container_replicas}. */
@Repository
public class ContainerQueries {

    private static final String COLUMNS = "c.id, c.name, c.project, c.replica_site_ids, c.created_at, c.updated_at";

    private final ReadModel readModel;

    public ContainerQueries(ReadModel readModel) {
        this.readModel = readModel;
    }

    /** Containers matching every given filter, one page of them, ordered by id, each with its replicas. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public PageView<ContainerView> findContainers(ContainerFilter filter) {
        Where where = new Where()
                .equal("c.project", "project", filter.project())
                .when(filter.siteId(), "c.replica_site_ids @> jsonb_build_array(CAST(:siteId AS text))", "siteId")
                .when(filter.status() == null ? null : filter.status().name(), """
                        EXISTS (SELECT 1 FROM container_replicas r WHERE r.container_id = c.id AND r.status = :status
                        """ + (filter.siteId() == null ? ")" : "AND r.site_id = :siteId)"), "status");
        PageView<ContainerView> page = readModel.page(COLUMNS, "containers c", "containers c", where, "c.id",
                filter.page(), filter.size(), (rs, row) -> container(rs, List.of()));
        Map<String, List<ReplicaView>> replicas = replicas(page.items().stream().map(ContainerView::id).toList());
        return new PageView<>(page.items().stream()
                .map(c -> withReplicas(c, replicas.getOrDefault(c.id(), List.of())))
                .toList(), page.page(), page.size(), page.totalItems(), page.totalPages());
    }

    /** The container with this id and its replicas, if the read model has it. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Optional<ContainerView> findContainer(String id) {
        return readModel.one("SELECT " + COLUMNS + " FROM containers c WHERE c.id = :id",
                        new MapSqlParameterSource("id", id), (rs, row) -> container(rs, List.of()))
                .map(c -> withReplicas(c, replicas(List.of(id)).getOrDefault(id, List.of())));
    }

    private Map<String, List<ReplicaView>> replicas(List<String> containerIds) {
        if (containerIds.isEmpty()) {
            return Map.of();
        }
        record Row(String containerId, ReplicaView replica) {
        }
        return readModel.list("""
                        SELECT container_id, site_id, status, detail, in_policy_since, reported_at
                          FROM container_replicas WHERE container_id IN (:ids) ORDER BY container_id, site_id""",
                        new MapSqlParameterSource("ids", containerIds),
                        (rs, row) -> new Row(rs.getString("container_id"), new ReplicaView(rs.getString("site_id"),
                                enumOf(rs, "status", ReplicaStatus.class), rs.getString("detail"),
                                instant(rs, "in_policy_since"), instant(rs, "reported_at"))))
                .stream()
                .collect(Collectors.groupingBy(Row::containerId,
                        Collectors.mapping(Row::replica, Collectors.toList())));
    }

    private static ContainerView container(ResultSet rs, List<ReplicaView> replicas) throws SQLException {
        return new ContainerView(rs.getString("id"), rs.getString("name"), rs.getString("project"),
                stringList(rs, "replica_site_ids"), replicas, instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static ContainerView withReplicas(ContainerView container, List<ReplicaView> replicas) {
        return new ContainerView(container.id(), container.name(), container.project(), container.replicaSiteIds(),
                replicas, container.createdAt(), container.updatedAt());
    }
}
