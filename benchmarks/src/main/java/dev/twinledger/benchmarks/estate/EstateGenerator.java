package dev.twinledger.benchmarks.estate;

import dev.twinledger.api.EventMetadata;
import dev.twinledger.api.access.AccessDirectory;
import dev.twinledger.api.access.AccessDirectoryInitialized;
import dev.twinledger.api.access.AccessScope;
import dev.twinledger.api.access.GrantApproved;
import dev.twinledger.api.access.GrantExpired;
import dev.twinledger.api.access.GrantRequested;
import dev.twinledger.api.access.GrantRevoked;
import dev.twinledger.api.access.GroupCreated;
import dev.twinledger.api.access.GroupMemberAdded;
import dev.twinledger.api.access.PrincipalRef;
import dev.twinledger.api.access.RoleDefined;
import dev.twinledger.api.inventory.Environment;
import dev.twinledger.api.inventory.HostMemoryAllocated;
import dev.twinledger.api.inventory.HostMemoryReleased;
import dev.twinledger.api.inventory.HostRegistered;
import dev.twinledger.api.inventory.Platform;
import dev.twinledger.api.inventory.ProjectRegistered;
import dev.twinledger.api.inventory.SiteRegistered;
import dev.twinledger.api.inventory.VmDecommissioned;
import dev.twinledger.api.inventory.VmProvisioned;
import dev.twinledger.api.inventory.VmResized;
import dev.twinledger.api.inventory.VmRetagged;
import dev.twinledger.api.inventory.VmStarted;
import dev.twinledger.api.inventory.VmStopped;
import dev.twinledger.localstack.AccessSeed;
import dev.twinledger.policies.role.DefaultRoles;
import dev.twinledger.policies.role.RoleCatalog;
import org.axonframework.messaging.MetaData;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.LongConsumer;

/**
 * Generates a two-site estate's history and stores it through {@link EstateStore}: sites {@code dc1} (OpenStack) and
 * {@code dc2} (VMware), their hosts, the projects, VMs placed on hosts, the access directory (its first start, groups
 * with some time-bounded memberships, skewed grants on every kind of scope, some revoked or expired) and churn (power
 * operations, resizes, retags, decommissions). Each aggregate's events are exactly what the command side's aggregate
 * emits for the command: a placement is the VM's {@code VmProvisioned} then the host's {@code HostMemoryAllocated};
 * a resize is {@code VmResized} then the host's release and allocation; a decommission releases the memory. Hosts are
 * large enough never to cross the capacity warning, so no alert is owed.
 *
 * <p>Timestamps run evenly from {@code now - period} to now in append order, so the global index and the timestamps
 * agree. The history must be written before the command side first starts: it contains the access directory's first
 * start (the same events the service's bootstrap would store), so the service finds the directory and adds nothing
 * stamped earlier.
 */
public final class EstateGenerator {

    static final String DC1 = "dc1";
    static final String DC2 = "dc2";
    static final long HOST_MEMORY_MIB = 16L * 1024 * 1024;
    private static final String SYSTEM = "system";
    private static final String ADMIN = "access-admin";
    private static final String SECOND_ADMIN = "access-admin-2";
    private static final String PLATFORM_ADMIN = "platform-admin";
    private static final long[] SIZES_MIB = {2048, 4096, 8192, 16384};
    private static final String[] GRANTED_ROLES = {DefaultRoles.VIEWER, DefaultRoles.OPERATOR, DefaultRoles.AUDITOR};

    private final EstateSettings settings;
    private final EstateStore store;
    private final Random random;
    private final Map<String, Long> sequences = new HashMap<>();
    private final long startMillis;
    private final long endMillis;
    private final double stepMillis;
    private long emitted;
    private final PriorityQueue<PendingExpiry> expiries = new PriorityQueue<>();

    // VM state, by VM number
    private final String[] vmHost;
    private final long[] vmMemory;
    private final int[] vmVcpus;
    private final boolean[] vmRunning;
    private final boolean[] vmGone;
    private final Map<String, long[]> hostAllocated = new HashMap<>();
    private int vmsProvisioned;
    private final List<String> grantIds = new ArrayList<>();
    private final List<Boolean> grantOpen = new ArrayList<>();

    /** What the generator wrote, for the report and for choosing queries. */
    public record Estate(long events, int vms, int liveVms, int grants, Instant from, Instant to) {
    }

    private record PendingExpiry(long atMillis, String grantId) implements Comparable<PendingExpiry> {
        @Override
        public int compareTo(PendingExpiry other) {
            return Long.compare(atMillis, other.atMillis);
        }
    }

    public EstateGenerator(EstateSettings settings, EstateStore store, Instant end) {
        this.settings = settings;
        this.store = store;
        this.random = new Random(settings.seed());
        this.startMillis = end.toEpochMilli() - settings.period().toMillis();
        this.endMillis = end.toEpochMilli();
        // The history comes out a little longer than asked (expiries, the directory's first start); a 2% margin and
        // the clamp in now() keep every timestamp at or before the end, never in the future.
        this.stepMillis = settings.period().toMillis() / (settings.events() * 1.02);
        this.vmHost = new String[settings.vms()];
        this.vmMemory = new long[settings.vms()];
        this.vmVcpus = new int[settings.vms()];
        this.vmRunning = new boolean[settings.vms()];
        this.vmGone = new boolean[settings.vms()];
    }

    /** A host id: {@code dc1-h001}. */
    public static String host(String site, int i) {
        return String.format("%s-h%03d", site, i + 1);
    }

    /** A VM id. */
    public static String vm(int i) {
        return String.format("vm-%06d", i);
    }

    /** A user id. */
    public static String user(int i) {
        return String.format("u%05d", i);
    }

    /** A group id. */
    public static String group(int i) {
        return String.format("g%03d", i);
    }

    /** Writes the whole history, reporting the number of events written to {@code progress} now and then. */
    public Estate generate(LongConsumer progress) {
        accessDirectoryFirstStart();
        command(PLATFORM_ADMIN, DC1);
        emit("Site", DC1, new SiteRegistered(DC1, "Data centre 1", Platform.OPENSTACK));
        command(PLATFORM_ADMIN, DC2);
        emit("Site", DC2, new SiteRegistered(DC2, "Data centre 2", Platform.VMWARE));
        for (int p = 0; p < settings.projects(); p++) {
            command(PLATFORM_ADMIN, DC1);
            emit("Project", "p" + p, new ProjectRegistered("p" + p, "Project " + p, "generated"));
        }
        for (String site : List.of(DC1, DC2)) {
            for (int h = 0; h < settings.hostsPerSite(); h++) {
                command(PLATFORM_ADMIN, site);
                String id = host(site, h);
                emit("Host", id, new HostRegistered(id, site, id + ".example", 64, HOST_MEMORY_MIB, 0, 1.0, false));
                hostAllocated.put(id, new long[1]);
            }
        }
        for (int g = 0; g < settings.groups(); g++) {
            command(ADMIN, DC1);
            emitDirectory(new GroupCreated(group(g), "generated group " + g, ADMIN));
        }
        // Placements, access changes and churn interleave over the period, each in proportion to what is left.
        long fixed = emitted + 2L * settings.vms() + settings.grants() + settings.principals();
        long churnLeft = Math.max(0, settings.events() - fixed);
        long vmsLeft = settings.vms();
        long grantsLeft = settings.grants();
        long membersLeft = settings.principals();
        long nextReport = 50_000;
        while (vmsLeft + grantsLeft + membersLeft + churnLeft > 0) {
            long total = vmsLeft + grantsLeft + membersLeft + churnLeft;
            long pick = (long) (random.nextDouble() * total);
            if (pick < vmsLeft || (pick >= vmsLeft + grantsLeft + membersLeft && vmsProvisioned == 0)) {
                provision();
                vmsLeft--;
            } else if (pick < vmsLeft + grantsLeft) {
                grant();
                grantsLeft--;
            } else if (pick < vmsLeft + grantsLeft + membersLeft) {
                membership((int) (settings.principals() - membersLeft));
                membersLeft--;
            } else {
                churnLeft -= churn();
            }
            if (emitted >= nextReport) {
                progress.accept(emitted);
                nextReport += 50_000;
            }
        }
        store.flush();
        int live = 0;
        for (int i = 0; i < vmsProvisioned; i++) {
            live += vmGone[i] ? 0 : 1;
        }
        return new Estate(emitted, vmsProvisioned, live, grantIds.size(), Instant.ofEpochMilli(startMillis),
                Instant.ofEpochMilli(now()));
    }

    private void accessDirectoryFirstStart() {
        RoleCatalog catalog = DefaultRoles.catalog();
        Set<String> privileged = Set.of(DefaultRoles.ACCESS_ADMIN, DefaultRoles.PLATFORM_ADMIN);
        metaData = MetaData.with(EventMetadata.ACTOR_USERNAME, SYSTEM).and(EventMetadata.ACTOR_SUBJECT, SYSTEM)
                .and(EventMetadata.REASON, "first start: default roles and bootstrap admins")
                .and(EventMetadata.HANDLING_SITE, DC1).and(EventMetadata.CORRELATION_ID, uuid())
                .and(EventMetadata.CAUSATION_ID, uuid());
        List<String> admins = List.of(ADMIN, SECOND_ADMIN);
        emitDirectory(new AccessDirectoryInitialized(privileged, admins));
        catalog.roles().values().forEach(role -> {
            Set<String> permissions = new TreeSet<>();
            role.permissions().forEach(permission -> permissions.add(permission.toString()));
            emitDirectory(new RoleDefined(role.name(), permissions, privileged.contains(role.name()), Set.of(), SYSTEM));
        });
        for (String admin : admins) {
            emitDirectory(new GrantRequested("bootstrap-" + admin, PrincipalRef.user(admin), DefaultRoles.ACCESS_ADMIN,
                    AccessScope.EVERYWHERE, null, null, "bootstrap admin from configuration", null, SYSTEM, false));
        }
        // The realm's users get their namesake role everywhere, as AccessSeed gives it through the API in the local
        // run: the first admin requests, the second approves the privileged ones.
        for (AccessSeed.Seed seed : AccessSeed.TEST_USERS) {
            boolean approvalRequired = privileged.contains(seed.role());
            command(ADMIN, DC1);
            emitDirectory(new GrantRequested("seed-" + seed.username(), PrincipalRef.user(seed.username()),
                    seed.role(), AccessScope.EVERYWHERE, null, null, "test user of the local realm", null, ADMIN,
                    approvalRequired));
            if (approvalRequired) {
                command(SECOND_ADMIN, DC1);
                emitDirectory(new GrantApproved("seed-" + seed.username(), SECOND_ADMIN));
            }
        }
    }

    private void provision() {
        int i = vmsProvisioned++;
        String site = random.nextInt(2) == 0 ? DC1 : DC2;
        String host = host(site, random.nextInt(settings.hostsPerSite()));
        long memory = SIZES_MIB[random.nextInt(SIZES_MIB.length)];
        int vcpus = (int) (memory / 2048);
        String project = "p" + skewed(settings.projects());
        Environment environment = Environment.values()[random.nextInt(Environment.values().length)];
        vmHost[i] = host;
        vmMemory[i] = memory;
        vmVcpus[i] = vcpus;
        vmRunning[i] = true;
        command("operator", site);
        emit("VirtualMachine", vm(i), new VmProvisioned(vm(i), "vm " + i, site, host, project, environment, vcpus,
                memory, site.equals(DC1) ? "os-" + i : "vm-moref-" + i));
        long[] allocated = hostAllocated.get(host);
        allocated[0] += memory;
        emit("Host", host, new HostMemoryAllocated(host, site, vm(i), memory, allocated[0], HOST_MEMORY_MIB));
        requireBelowWarning(allocated[0]);
    }

    /** One churn action; answers the events it stored. */
    private int churn() {
        int i = random.nextInt(vmsProvisioned);
        if (vmGone[i]) {
            return 0;
        }
        String host = vmHost[i];
        String site = host.substring(0, 3);
        int dice = random.nextInt(100);
        if (dice < 8 && !grantIds.isEmpty()) {
            int g = random.nextInt(grantIds.size());
            if (!grantOpen.get(g)) {
                return 0;
            }
            grantOpen.set(g, false);
            command(ADMIN, DC1);
            emitDirectory(new GrantRevoked(grantIds.get(g), ADMIN, "no longer needed"));
            return 1;
        }
        command("operator", site);
        if (dice < 50) {
            emit("VirtualMachine", vm(i), vmRunning[i] ? new VmStopped(vm(i), site, host)
                    : new VmStarted(vm(i), site, host));
            vmRunning[i] = !vmRunning[i];
            return 1;
        }
        if (dice < 70) {
            emit("VirtualMachine", vm(i), new VmRetagged(vm(i), Map.of("owner", user(skewed(settings.principals())),
                    "tier", List.of("web", "db", "batch").get(random.nextInt(3)))));
            return 1;
        }
        long[] allocated = hostAllocated.get(host);
        if (dice < 97) {
            long memory = SIZES_MIB[random.nextInt(SIZES_MIB.length)];
            if (memory == vmMemory[i]) {
                return 0;
            }
            int vcpus = (int) (memory / 2048);
            emit("VirtualMachine", vm(i), new VmResized(vm(i), site, host, vcpus, memory, vmVcpus[i], vmMemory[i]));
            allocated[0] -= vmMemory[i];
            emit("Host", host, new HostMemoryReleased(host, site, vm(i), vmMemory[i], allocated[0], HOST_MEMORY_MIB));
            allocated[0] += memory;
            emit("Host", host, new HostMemoryAllocated(host, site, vm(i), memory, allocated[0], HOST_MEMORY_MIB));
            requireBelowWarning(allocated[0]);
            vmMemory[i] = memory;
            vmVcpus[i] = vcpus;
            return 3;
        }
        emit("VirtualMachine", vm(i), new VmDecommissioned(vm(i), site, host));
        allocated[0] -= vmMemory[i];
        emit("Host", host, new HostMemoryReleased(host, site, vm(i), vmMemory[i], allocated[0], HOST_MEMORY_MIB));
        vmGone[i] = true;
        return 2;
    }

    private void grant() {
        String grantId = "grant-" + grantIds.size();
        // Skewed: a few principals and groups hold many grants; a fifth go to groups.
        PrincipalRef principal = random.nextInt(5) == 0 ? PrincipalRef.group(group(skewed(settings.groups())))
                : PrincipalRef.user(user(skewed(settings.principals())));
        String role = GRANTED_ROLES[random.nextInt(GRANTED_ROLES.length)];
        AccessScope scope = switch (random.nextInt(4)) {
            case 0 -> new AccessScope(random.nextBoolean() ? DC1 : DC2, null, null, null, null);
            case 1 -> new AccessScope(null, Environment.values()[random.nextInt(4)], null, null, null);
            case 2 -> new AccessScope(null, null, "p" + skewed(settings.projects()), null, null);
            default -> vmsProvisioned == 0 ? AccessScope.EVERYWHERE
                    : new AccessScope(null, null, null, "vm", vm(random.nextInt(vmsProvisioned)));
        };
        Instant until = null;
        if (random.nextInt(10) == 0) {
            // A tenth are time-bounded: their expiry is recorded when the period reaches it, as the deadline does.
            // Only ends inside the period: a later end would need the service's deadline row, which is not written.
            long end = now() + (long) (random.nextDouble() * settings.period().toMillis() / 3);
            if (end < endMillis) {
                until = Instant.ofEpochMilli(end);
                expiries.add(new PendingExpiry(end, grantId));
            }
        }
        command(ADMIN, DC1);
        emitDirectory(new GrantRequested(grantId, principal, role, scope, null, until, "generated", null, ADMIN,
                false));
        grantIds.add(grantId);
        grantOpen.add(true);
    }

    private void membership(int principal) {
        Instant until = random.nextInt(10) == 0
                ? Instant.ofEpochMilli(now() + (long) (random.nextDouble() * settings.period().toMillis())) : null;
        command(ADMIN, DC1);
        emitDirectory(new GroupMemberAdded(group(skewed(settings.groups())), user(principal), null, until, ADMIN));
    }

    private void requireBelowWarning(long allocated) {
        if (allocated * 100 >= HOST_MEMORY_MIB * 80) {
            throw new IllegalStateException("a generated host would cross the capacity warning: use more hosts");
        }
    }

    /** A number below {@code n}, small numbers far likelier (cube of a uniform draw). */
    private int skewed(int n) {
        double u = random.nextDouble();
        return Math.min(n - 1, (int) (u * u * u * n));
    }

    private MetaData metaData;

    /** Starts a new command: the metadata its events carry. */
    private void command(String actor, String site) {
        String correlation = uuid();
        metaData = MetaData.with(EventMetadata.ACTOR_SUBJECT, actor).and(EventMetadata.ACTOR_USERNAME, actor)
                .and(EventMetadata.HANDLING_SITE, site).and(EventMetadata.CORRELATION_ID, correlation)
                .and(EventMetadata.CAUSATION_ID, uuid());
    }

    private void emitDirectory(Object payload) {
        emit("AccessDirectoryAggregate", AccessDirectory.ID, payload);
    }

    private void emit(String type, String aggregateId, Object payload) {
        // Deadlines due by now fire first, as the service's scheduler would have.
        while (!expiries.isEmpty() && expiries.peek().atMillis() <= now()) {
            PendingExpiry due = expiries.poll();
            int index = Integer.parseInt(due.grantId().substring("grant-".length()));
            if (grantOpen.get(index)) {
                grantOpen.set(index, false);
                MetaData saved = metaData;
                metaData = MetaData.with(EventMetadata.HANDLING_SITE, DC1).and(EventMetadata.CORRELATION_ID, uuid())
                        .and(EventMetadata.CAUSATION_ID, uuid());
                write("AccessDirectoryAggregate", AccessDirectory.ID,
                        new GrantExpired(due.grantId(), Instant.ofEpochMilli(due.atMillis())));
                metaData = saved;
            }
        }
        write(type, aggregateId, payload);
    }

    private void write(String type, String aggregateId, Object payload) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        store.append(type, aggregateId, sequence, uuid(), payload, metaData, Instant.ofEpochMilli(now()));
        emitted++;
    }

    /** The timestamp of the next event: evenly spaced, never going back. */
    private long now() {
        return Math.min(endMillis, startMillis + (long) (emitted * stepMillis));
    }

    private String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
