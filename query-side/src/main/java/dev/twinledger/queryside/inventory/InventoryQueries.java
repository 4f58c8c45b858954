package dev.twinledger.queryside.inventory;

import dev.twinledger.api.inventory.Environment;
import dev.twinledger.api.inventory.HostState;
import dev.twinledger.api.inventory.Platform;
import dev.twinledger.api.inventory.VmState;
import dev.twinledger.api.inventory.VolumeState;
import dev.twinledger.queryside.capacity.CapacityQueries;
import dev.twinledger.queryside.migration.MigrationQueries;
import dev.twinledger.queryside.readmodel.ReadModel;
import dev.twinledger.queryside.readmodel.Where;
import dev.twinledger.queryside.web.PageView;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.twinledger.queryside.readmodel.Rows.enumOf;
import static dev.twinledger.queryside.readmodel.Rows.instant;
import static dev.twinledger.queryside.readmodel.Rows.stringList;
import static dev.twinledger.queryside.readmodel.Rows.stringMap;
import static dev.twinledger.queryside.readmodel.Rows.utilizationPercent;

/**
 * Reads the inventory tables the projections module owns: {@code sites}, {@code projects}, {@code hosts},
 * {@code vms} and {@code volumes}, and puts a VM or host together with its relations.
 *
 * <p>Lists are ordered by id (byte order, see the migrations) unless a sort is asked for, always with id as the
 * tie-break, and paged with limit/offset. The count and the page are read in one repeatable-read transaction, so
 * that totals and items agree even while the projection commits; a detail and its relations likewise.
 */
@Repository
public class InventoryQueries {

    /** The sort fields of {@code GET /api/vms} and their columns. */
    public static final Map<String, String> VM_SORT = Map.of("id", "v.id", "name", "v.name",
            "memoryMib", "v.memory_mib", "provisionedAt", "v.provisioned_at");
    /** The sort fields of {@code GET /api/hosts} and their columns. */
    public static final Map<String, String> HOST_SORT = Map.of("id", "h.id", "name", "h.name",
            "memoryMib", "h.memory_mib", "capacityMib", "h.capacity_mib", "allocatedMib", "h.allocated_mib",
            "freeMib", "h.free_mib", "registeredAt", "h.registered_at");

    private static final String VM_COLUMNS = "v.id, v.name, v.site_id, s.platform, v.host_id, v.project, "
            + "v.environment, v.vcpus, v.memory_mib, v.state, v.platform_id, v.tags, v.current_migration_id, "
            + "v.volume_ids, v.provisioned_at, v.decommissioned_at";
    private static final String VM_FROM = "vms v LEFT JOIN sites s ON s.id = v.site_id";
    private static final String HOST_COLUMNS = "h.id, h.site_id, s.platform, h.name, h.cpu_cores, h.memory_mib, "
            + "h.reserved_memory_mib, h.overcommit_ratio, h.capacity_mib, h.allocated_mib, h.free_mib, h.temporary, "
            + "h.software_version, h.state, h.registered_at, h.upgraded_at, h.decommissioned_at";
    private static final String HOST_FROM = "hosts h LEFT JOIN sites s ON s.id = h.site_id";
    private static final String SITE_COLUMNS = "id, name, platform, registered_at";
    private static final String PROJECT_COLUMNS = "id, name, description, registered_at";
    private static final String VOLUME_COLUMNS = "id, name, site_id, project, size_gib, state, vm_id, created_at, "
            + "deleted_at";

    private final ReadModel readModel;
    private final MigrationQueries migrations;
    private final CapacityQueries capacity;

    public InventoryQueries(ReadModel readModel, MigrationQueries migrations, CapacityQueries capacity) {
        this.readModel = readModel;
        this.migrations = migrations;
        this.capacity = capacity;
    }

    /** VMs matching every given filter, one page of them, in the asked order. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public PageView<VmView> findVms(VmFilter filter) {
        Where where = new Where()
                .equal("v.site_id", "siteId", filter.siteId())
                .when(filter.platform() == null ? null : filter.platform().name(),
                        "v.site_id IN (SELECT id FROM sites WHERE platform = :platform)", "platform")
                .equal("v.project", "project", filter.project())
                .equal("v.environment", "environment", filter.environment())
                .equal("v.state", "state", filter.state())
                .equal("v.host_id", "hostId", filter.hostId());
        int index = 0;
        for (Map.Entry<String, String> tag : filter.tags().entrySet()) {
            String key = "tagKey" + index;
            String value = "tagValue" + index++;
            where.when(tag.getKey(), "v.tags @> jsonb_build_object(CAST(:" + key + " AS text), CAST(:" + value
                    + " AS text))", key);
            where.params().addValue(value, tag.getValue());
        }
        return readModel.page(VM_COLUMNS, VM_FROM, "vms v", where, filter.sort().orderBy(VM_SORT, "v.id"),
                filter.page(), filter.size(), InventoryQueries::vm);
    }

    /** The VM with this id, if the read model has it. */
    @Transactional(readOnly = true)
    public Optional<VmView> findVm(String id) {
        return readModel.one("SELECT " + VM_COLUMNS + " FROM " + VM_FROM + " WHERE v.id = :id",
                new MapSqlParameterSource("id", id), InventoryQueries::vm);
    }

    /**
     * The VM with this id and its relations: its host and site, its project, its attached volumes and all its
     * migrations. A relation the read model does not hold (yet) is null; an attached volume whose own stream has
     * not arrived is left out of {@code volumes} but stays in {@code volumeIds}.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Optional<VmDetailView> findVmDetail(String id) {
        return findVm(id).map(vm -> new VmDetailView(vm,
                findHost(vm.hostId()).orElse(null),
                findSite(vm.siteId()).orElse(null),
                findProject(vm.project()).orElse(null),
                volumes(vm.volumeIds()),
                migrations.ofVm(vm.id())));
    }

    /** Hosts matching every given filter, one page of them, in the asked order. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public PageView<HostView> findHosts(HostFilter filter) {
        Where where = new Where()
                .equal("h.site_id", "siteId", filter.siteId())
                .when(filter.platform() == null ? null : filter.platform().name(),
                        "h.site_id IN (SELECT id FROM sites WHERE platform = :platform)", "platform")
                .equal("h.state", "state", filter.state())
                .when(filter.temporary(), "h.temporary = :temporary", "temporary");
        return readModel.page(HOST_COLUMNS, HOST_FROM, "hosts h", where, filter.sort().orderBy(HOST_SORT, "h.id"),
                filter.page(), filter.size(), InventoryQueries::host);
    }

    /** The host with this id, if the read model has it. */
    @Transactional(readOnly = true)
    public Optional<HostView> findHost(String id) {
        return readModel.one("SELECT " + HOST_COLUMNS + " FROM " + HOST_FROM + " WHERE h.id = :id",
                new MapSqlParameterSource("id", id), InventoryQueries::host);
    }

    /** The host with this id, how many VMs it holds (not decommissioned) and its open capacity alert. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Optional<HostDetailView> findHostDetail(String id) {
        return findHost(id).map(host -> new HostDetailView(host,
                readModel.value("SELECT count(*) FROM vms WHERE host_id = :id AND state <> 'DECOMMISSIONED'",
                        new MapSqlParameterSource("id", id), Long.class),
                capacity.openAlert(id).orElse(null)));
    }

    /** All sites, one page of them. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public PageView<SiteView> findSites(int page, int size) {
        return readModel.page(SITE_COLUMNS, "sites", "sites", new Where(), "id", page, size, InventoryQueries::site);
    }

    /** The site with this id, if the read model has it. */
    @Transactional(readOnly = true)
    public Optional<SiteView> findSite(String id) {
        return readModel.one("SELECT " + SITE_COLUMNS + " FROM sites WHERE id = :id",
                new MapSqlParameterSource("id", id), InventoryQueries::site);
    }

    /** All projects, one page of them. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public PageView<ProjectView> findProjects(int page, int size) {
        return readModel.page(PROJECT_COLUMNS, "projects", "projects", new Where(), "id", page, size,
                InventoryQueries::project);
    }

    /** The project with this id, if the read model has it. */
    @Transactional(readOnly = true)
    public Optional<ProjectView> findProject(String id) {
        return readModel.one("SELECT " + PROJECT_COLUMNS + " FROM projects WHERE id = :id",
                new MapSqlParameterSource("id", id), InventoryQueries::project);
    }

    /** Volumes matching every given filter, one page of them. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public PageView<VolumeView> findVolumes(VolumeFilter filter) {
        Where where = new Where()
                .equal("site_id", "siteId", filter.siteId())
                .equal("project", "project", filter.project())
                .equal("state", "state", filter.state())
                .equal("vm_id", "vmId", filter.vmId());
        return readModel.page(VOLUME_COLUMNS, "volumes", "volumes", where, "id", filter.page(), filter.size(),
                InventoryQueries::volume);
    }

    /** The volume with this id, if the read model has it. */
    @Transactional(readOnly = true)
    public Optional<VolumeView> findVolume(String id) {
        return readModel.one("SELECT " + VOLUME_COLUMNS + " FROM volumes WHERE id = :id",
                new MapSqlParameterSource("id", id), InventoryQueries::volume);
    }

    private List<VolumeView> volumes(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<VolumeView> found = readModel.list("SELECT " + VOLUME_COLUMNS + " FROM volumes WHERE id IN (:ids)",
                new MapSqlParameterSource("ids", ids), InventoryQueries::volume);
        // In the VM's attach order, not the database's.
        List<VolumeView> ordered = new ArrayList<>();
        for (String id : ids) {
            found.stream().filter(volume -> volume.id().equals(id)).findFirst().ifPresent(ordered::add);
        }
        return ordered;
    }

    private static VmView vm(ResultSet rs, int row) throws SQLException {
        return new VmView(rs.getString("id"), rs.getString("name"), rs.getString("site_id"),
                enumOf(rs, "platform", Platform.class), rs.getString("host_id"), rs.getString("project"),
                enumOf(rs, "environment", Environment.class), rs.getInt("vcpus"), rs.getLong("memory_mib"),
                enumOf(rs, "state", VmState.class), rs.getString("platform_id"), stringMap(rs, "tags"),
                rs.getString("current_migration_id"), stringList(rs, "volume_ids"), instant(rs, "provisioned_at"),
                instant(rs, "decommissioned_at"));
    }

    private static HostView host(ResultSet rs, int row) throws SQLException {
        long capacity = rs.getLong("capacity_mib");
        long allocated = rs.getLong("allocated_mib");
        return new HostView(rs.getString("id"), rs.getString("site_id"), enumOf(rs, "platform", Platform.class),
                rs.getString("name"), rs.getInt("cpu_cores"), rs.getLong("memory_mib"),
                rs.getLong("reserved_memory_mib"), rs.getDouble("overcommit_ratio"), capacity, allocated,
                rs.getLong("free_mib"), utilizationPercent(allocated, capacity), rs.getBoolean("temporary"),
                rs.getString("software_version"), enumOf(rs, "state", HostState.class), instant(rs, "registered_at"),
                instant(rs, "upgraded_at"), instant(rs, "decommissioned_at"));
    }

    private static SiteView site(ResultSet rs, int row) throws SQLException {
        return new SiteView(rs.getString("id"), rs.getString("name"), enumOf(rs, "platform", Platform.class),
                instant(rs, "registered_at"));
    }

    private static ProjectView project(ResultSet rs, int row) throws SQLException {
        return new ProjectView(rs.getString("id"), rs.getString("name"), rs.getString("description"),
                instant(rs, "registered_at"));
    }

    private static VolumeView volume(ResultSet rs, int row) throws SQLException {
        return new VolumeView(rs.getString("id"), rs.getString("name"), rs.getString("site_id"),
                rs.getString("project"), rs.getLong("size_gib"), enumOf(rs, "state", VolumeState.class),
                rs.getString("vm_id"), instant(rs, "created_at"), instant(rs, "deleted_at"));
    }
}
