package dev.twinledger.queryside.pointintime;

import dev.twinledger.api.capacity.CapacityAlertCleared;
import dev.twinledger.api.capacity.CapacityAlertRaised;
import dev.twinledger.api.inventory.HostDecommissioned;
import dev.twinledger.api.inventory.HostMaintenanceEnded;
import dev.twinledger.api.inventory.HostMaintenanceStarted;
import dev.twinledger.api.inventory.HostMemoryAllocated;
import dev.twinledger.api.inventory.HostMemoryReleased;
import dev.twinledger.api.inventory.HostRegistered;
import dev.twinledger.api.inventory.HostTemporaryChanged;
import dev.twinledger.api.inventory.HostUpgraded;
import dev.twinledger.api.inventory.ProjectRegistered;
import dev.twinledger.api.inventory.SiteRegistered;
import dev.twinledger.api.inventory.VmDecommissioned;
import dev.twinledger.api.inventory.VmProvisioned;
import dev.twinledger.api.inventory.VmRenamed;
import dev.twinledger.api.inventory.VmResized;
import dev.twinledger.api.inventory.VmRetagged;
import dev.twinledger.api.inventory.VmStarted;
import dev.twinledger.api.inventory.VmStopped;
import dev.twinledger.api.inventory.VmVolumeAttached;
import dev.twinledger.api.inventory.VmVolumeDetached;
import dev.twinledger.api.inventory.VolumeAttached;
import dev.twinledger.api.inventory.VolumeCreated;
import dev.twinledger.api.inventory.VolumeDeleted;
import dev.twinledger.api.inventory.VolumeDetached;
import dev.twinledger.api.migration.MigrationCompleted;
import dev.twinledger.api.migration.MigrationFailed;
import dev.twinledger.api.migration.MigrationRequested;
import dev.twinledger.api.migration.MigrationRolledBack;
import dev.twinledger.api.migration.MigrationStarted;
import dev.twinledger.api.storage.ContainerCreated;
import dev.twinledger.api.storage.ReplicaPolicyChanged;
import dev.twinledger.api.storage.ReplicaStatusReported;
import dev.twinledger.transport.UnknownEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The reference the point-in-time answers are checked against, as naive as it can be: it keeps every inventory event
 * in a list per stream and, for each question about an instant T, folds a stream's events stamped at or before T
 * from scratch into a map of attributes. Written for the test without the projections' fold classes, so that a
 * mistake there is not repeated here.
 */
final class NaiveInventory {

    /** One resource as the reference sees it at an instant: what an answer must equal. */
    record Expected(String id, String type, Map<String, Object> attributes, Instant validFrom, Instant validTo,
                    long position, String eventType) {
    }

    private record Recorded(Object payload, Instant at, long position, String eventType) {
    }

    private final Map<String, List<Recorded>> streams = new LinkedHashMap<>();

    /** Records an event of stream {@code resourceId}; a stream's events must be recorded in its order. */
    void record(String resourceId, Object payload, Instant at, long position) {
        String type = payload instanceof UnknownEvent unknown ? unknown.type() : payload.getClass().getName();
        streams.computeIfAbsent(resourceId, id -> new ArrayList<>()).add(new Recorded(payload, at, position, type));
    }

    /** Every stream id recorded. */
    List<String> ids() {
        return List.copyOf(streams.keySet());
    }

    /** The resource folded from its events stamped at or before {@code t}; empty before its first event. */
    Optional<Expected> at(String id, Instant t) {
        List<Recorded> stream = streams.getOrDefault(id, List.of());
        List<Recorded> upToT = stream.stream().filter(e -> !e.at().isAfter(t)).toList();
        if (upToT.isEmpty()) {
            return Optional.empty();
        }
        String type = null;
        Map<String, Object> state = null;
        for (Recorded event : upToT) {
            Object p = event.payload();
            if (p instanceof SiteRegistered || p instanceof ProjectRegistered || p instanceof HostRegistered
                    || p instanceof VmProvisioned || p instanceof VolumeCreated || p instanceof ContainerCreated) {
                type = typeOf(p);
                state = created(p, event.at());
            } else if (state != null) {
                apply(state, p, event.at());
            }
        }
        if (state == null) {
            return Optional.empty();
        }
        Recorded last = upToT.get(upToT.size() - 1);
        Instant validTo = stream.size() > upToT.size() ? stream.get(upToT.size()).at() : null;
        return Optional.of(new Expected(id, type, state, last.at(), validTo, last.position(), last.eventType()));
    }

    /** What stood in the site at {@code t}: hosts, VMs and volumes there, containers with a replica there; by id. */
    List<Expected> site(String siteId, Instant t) {
        return all(t).stream().filter(e -> switch (e.type()) {
            case "host", "vm", "volume" -> siteId.equals(e.attributes().get("siteId"));
            case "container" -> replicaSites(e).contains(siteId);
            default -> false;
        }).toList();
    }

    /** What the project owned at {@code t}: VMs, volumes and containers; by id. */
    List<Expected> project(String project, Instant t) {
        return all(t).stream()
                .filter(e -> List.of("vm", "volume", "container").contains(e.type()))
                .filter(e -> project.equals(e.attributes().get("project")))
                .toList();
    }

    private List<Expected> all(Instant t) {
        return streams.keySet().stream().map(id -> at(id, t)).flatMap(Optional::stream)
                .sorted(Comparator.comparing(Expected::id)).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> replicaSites(Expected container) {
        return ((List<Map<String, Object>>) container.attributes().get("replicas")).stream()
                .map(replica -> (String) replica.get("siteId")).toList();
    }

    private static String typeOf(Object created) {
        if (created instanceof SiteRegistered) {
            return "site";
        }
        if (created instanceof ProjectRegistered) {
            return "project";
        }
        if (created instanceof HostRegistered) {
            return "host";
        }
        if (created instanceof VmProvisioned) {
            return "vm";
        }
        return created instanceof VolumeCreated ? "volume" : "container";
    }

    private static Map<String, Object> created(Object p, Instant at) {
        Map<String, Object> s = new LinkedHashMap<>();
        if (p instanceof SiteRegistered e) {
            s.put("id", e.siteId());
            s.put("name", e.name());
            s.put("platform", e.platform().name());
            s.put("registeredAt", at);
        } else if (p instanceof ProjectRegistered e) {
            s.put("id", e.projectId());
            s.put("name", e.name());
            s.put("description", e.description());
            s.put("registeredAt", at);
        } else if (p instanceof HostRegistered e) {
            double ratio = e.overcommitRatio() < 1.0 ? 1.0 : e.overcommitRatio();
            s.put("id", e.hostId());
            s.put("siteId", e.siteId());
            s.put("name", e.name());
            s.put("cpuCores", e.cpuCores());
            s.put("memoryMib", e.memoryMib());
            s.put("reservedMemoryMib", e.reservedMemoryMib());
            s.put("overcommitRatio", ratio);
            s.put("capacityMib", (long) Math.floor((e.memoryMib() - e.reservedMemoryMib()) * ratio));
            s.put("allocatedMib", 0L);
            s.put("temporary", e.temporary());
            s.put("softwareVersion", null);
            s.put("state", "ACTIVE");
            s.put("openAlertId", null);
            s.put("openAlertSeverity", null);
            s.put("registeredAt", at);
            s.put("upgradedAt", null);
            s.put("decommissionedAt", null);
        } else if (p instanceof VmProvisioned e) {
            s.put("id", e.vmId());
            s.put("name", e.name());
            s.put("siteId", e.siteId());
            s.put("hostId", e.hostId());
            s.put("project", e.project());
            s.put("environment", e.environment().name());
            s.put("vcpus", e.vcpus());
            s.put("memoryMib", e.memoryMib());
            s.put("state", "ACTIVE");
            s.put("platformId", e.platformId());
            s.put("tags", new TreeMap<String, String>());
            s.put("volumeIds", new ArrayList<String>());
            s.put("migration", null);
            s.put("provisionedAt", at);
            s.put("decommissionedAt", null);
        } else if (p instanceof VolumeCreated e) {
            s.put("id", e.volumeId());
            s.put("name", e.name());
            s.put("siteId", e.siteId());
            s.put("project", e.project());
            s.put("sizeGib", e.sizeGib());
            s.put("state", "AVAILABLE");
            s.put("vmId", null);
            s.put("createdAt", at);
            s.put("deletedAt", null);
        } else if (p instanceof ContainerCreated e) {
            s.put("id", e.containerId());
            s.put("name", e.name());
            s.put("project", e.project());
            List<Map<String, Object>> replicas = new ArrayList<>();
            for (String site : new TreeSet<>(e.replicaSiteIds())) {
                replicas.add(replica(site, "UNKNOWN", null));
            }
            s.put("replicas", replicas);
            s.put("createdAt", at);
            s.put("updatedAt", at);
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private static void apply(Map<String, Object> s, Object p, Instant at) {
        if (p instanceof HostMemoryAllocated e) {
            s.put("allocatedMib", e.allocatedMib());
            s.put("capacityMib", e.capacityMib());
        } else if (p instanceof HostMemoryReleased e) {
            s.put("allocatedMib", e.allocatedMib());
            s.put("capacityMib", e.capacityMib());
        } else if (p instanceof CapacityAlertRaised e) {
            s.put("openAlertId", e.alertId());
            s.put("openAlertSeverity", e.severity().name());
        } else if (p instanceof CapacityAlertCleared e) {
            if (e.alertId().equals(s.get("openAlertId"))) {
                s.put("openAlertId", null);
                s.put("openAlertSeverity", null);
            }
        } else if (p instanceof HostMaintenanceStarted) {
            s.put("state", "MAINTENANCE");
        } else if (p instanceof HostMaintenanceEnded) {
            s.put("state", "ACTIVE");
        } else if (p instanceof HostDecommissioned) {
            s.put("state", "DECOMMISSIONED");
            s.put("decommissionedAt", at);
        } else if (p instanceof HostTemporaryChanged e) {
            s.put("temporary", e.temporary());
        } else if (p instanceof HostUpgraded e) {
            s.put("softwareVersion", e.softwareVersion());
            s.put("upgradedAt", at);
        } else if (p instanceof VmStarted) {
            s.put("state", "ACTIVE");
        } else if (p instanceof VmStopped) {
            s.put("state", "SHUTOFF");
        } else if (p instanceof VmDecommissioned) {
            s.put("state", "DECOMMISSIONED");
            s.put("decommissionedAt", at);
        } else if (p instanceof VmResized e) {
            s.put("vcpus", e.vcpus());
            s.put("memoryMib", e.memoryMib());
        } else if (p instanceof VmRenamed e) {
            s.put("name", e.name());
        } else if (p instanceof VmRetagged e) {
            s.put("tags", new TreeMap<>(e.tags()));
        } else if (p instanceof VmVolumeAttached e) {
            List<String> volumes = (List<String>) s.get("volumeIds");
            if (!volumes.contains(e.volumeId())) {
                volumes.add(e.volumeId());
            }
        } else if (p instanceof VmVolumeDetached e) {
            ((List<String>) s.get("volumeIds")).remove(e.volumeId());
        } else if (p instanceof MigrationRequested e) {
            Map<String, Object> migration = new LinkedHashMap<>();
            migration.put("migrationId", e.migrationId());
            migration.put("kind", e.kind().name());
            migration.put("state", "REQUESTED");
            migration.put("targetSiteId", e.targetSiteId());
            migration.put("targetHostId", e.targetHostId());
            s.put("migration", migration);
        } else if (p instanceof MigrationStarted e) {
            Map<String, Object> migration = (Map<String, Object>) s.get("migration");
            if (migration != null && e.migrationId().equals(migration.get("migrationId"))) {
                migration.put("state", "IN_PROGRESS");
            }
        } else if (p instanceof MigrationCompleted e) {
            s.put("siteId", e.targetSiteId());
            s.put("hostId", e.targetHostId());
            if (e.platformId() != null) {
                s.put("platformId", e.platformId());
            }
            endMigration(s, e.migrationId());
        } else if (p instanceof MigrationFailed e) {
            endMigration(s, e.migrationId());
        } else if (p instanceof MigrationRolledBack e) {
            endMigration(s, e.migrationId());
        } else if (p instanceof VolumeAttached e) {
            s.put("state", "IN_USE");
            s.put("vmId", e.vmId());
        } else if (p instanceof VolumeDetached) {
            s.put("state", "AVAILABLE");
            s.put("vmId", null);
        } else if (p instanceof VolumeDeleted) {
            s.put("state", "DELETED");
            s.put("vmId", null);
            s.put("deletedAt", at);
        } else if (p instanceof ReplicaPolicyChanged e) {
            List<Map<String, Object>> before = (List<Map<String, Object>>) s.get("replicas");
            List<Map<String, Object>> after = new ArrayList<>();
            for (String site : new TreeSet<>(e.replicaSiteIds())) {
                after.add(before.stream().filter(r -> site.equals(r.get("siteId"))).findFirst()
                        .orElse(replica(site, "UNKNOWN", null)));
            }
            s.put("replicas", after);
            s.put("updatedAt", at);
        } else if (p instanceof ReplicaStatusReported e) {
            List<Map<String, Object>> replicas = (List<Map<String, Object>>) s.get("replicas");
            replicas.removeIf(r -> e.siteId().equals(r.get("siteId")));
            replicas.add(replica(e.siteId(), e.status().name(), e.detail()));
            replicas.sort(Comparator.comparing(r -> (String) r.get("siteId")));
            s.put("updatedAt", at);
        }
    }

    @SuppressWarnings("unchecked")
    private static void endMigration(Map<String, Object> s, String migrationId) {
        Map<String, Object> migration = (Map<String, Object>) s.get("migration");
        if (migration != null && Objects.equals(migrationId, migration.get("migrationId"))) {
            s.put("migration", null);
        }
    }

    private static Map<String, Object> replica(String siteId, String status, String detail) {
        Map<String, Object> replica = new LinkedHashMap<>();
        replica.put("siteId", siteId);
        replica.put("status", status);
        replica.put("detail", detail);
        return replica;
    }
}
