package dev.twinledger.commandside.authorization;

import dev.twinledger.api.access.AddGroupMember;
import dev.twinledger.api.access.ApproveGrant;
import dev.twinledger.api.access.CloseAccessReview;
import dev.twinledger.api.access.CreateGroup;
import dev.twinledger.api.access.DecideReviewItem;
import dev.twinledger.api.access.DefineRole;
import dev.twinledger.api.access.ExpireGrant;
import dev.twinledger.api.access.InitializeAccessDirectory;
import dev.twinledger.api.access.RejectGrant;
import dev.twinledger.api.access.RemoveGroupMember;
import dev.twinledger.api.access.RequestGrant;
import dev.twinledger.api.access.RetireRole;
import dev.twinledger.api.access.RevokeGrant;
import dev.twinledger.api.access.StartAccessReview;
import dev.twinledger.api.campaign.CreateUpgradeCampaign;
import dev.twinledger.api.campaign.PauseUpgradeCampaign;
import dev.twinledger.api.campaign.ResumeUpgradeCampaign;
import dev.twinledger.api.campaign.StartUpgradeCampaign;
import dev.twinledger.api.inventory.AttachVolume;
import dev.twinledger.api.inventory.CreateVolume;
import dev.twinledger.api.inventory.DecommissionHost;
import dev.twinledger.api.inventory.DecommissionVm;
import dev.twinledger.api.inventory.DeleteVolume;
import dev.twinledger.api.inventory.DetachVolume;
import dev.twinledger.api.inventory.EndHostMaintenance;
import dev.twinledger.api.inventory.MarkHostUpgraded;
import dev.twinledger.api.inventory.ProvisionVm;
import dev.twinledger.api.inventory.RegisterHost;
import dev.twinledger.api.inventory.RegisterProject;
import dev.twinledger.api.inventory.RegisterSite;
import dev.twinledger.api.inventory.RenameVm;
import dev.twinledger.api.inventory.ResizeVm;
import dev.twinledger.api.inventory.RetagVm;
import dev.twinledger.api.inventory.SetHostTemporary;
import dev.twinledger.api.inventory.StartHostMaintenance;
import dev.twinledger.api.inventory.StartVm;
import dev.twinledger.api.inventory.StopVm;
import dev.twinledger.api.migration.CompleteMigration;
import dev.twinledger.api.migration.FailMigration;
import dev.twinledger.api.migration.RequestMigration;
import dev.twinledger.api.migration.RollBackMigration;
import dev.twinledger.api.migration.StartMigration;
import dev.twinledger.api.storage.ChangeReplicaPolicy;
import dev.twinledger.api.storage.CreateContainer;
import dev.twinledger.api.storage.ReportReplicaStatus;
import dev.twinledger.commandside.domain.RuleViolation;
import dev.twinledger.commandside.domain.UnknownResource;
import dev.twinledger.policies.permission.Permission;
import dev.twinledger.policies.permission.Permissions;
import dev.twinledger.policies.scope.ResourceRef;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The registry of what each command sent over the API needs: the permissions, each on the resource it acts on. The
 * access directory's commands are marked {@linkplain ByDirectory authorized by the directory} (its aggregate applies
 * the access rules itself). A command class with no entry is {@linkplain Unregistered refused}: authorization fails
 * closed, so a new command cannot slip through before someone decides what it needs.
 *
 * <p>A resource that already exists is located in the event store when its need is checked (see
 * {@link ResourceLocator}); one that a command creates is described by the command itself. Locating refuses the
 * command when the resource does not exist: the resource the command is addressed to is 404, another one it names
 * (a migration's target host, the VM a volume is attached to) is 422, as the aggregates answer them. Needs are checked
 * in order, so a caller without the first permission learns nothing about the later resources.
 *
 * <p>The upgrade campaign's process sends further commands (host maintenance, migrations, its own bookkeeping) through
 * the command bus, not through this registry: they carry out a campaign whose start was authorized here.
 */
public final class CommandPermissions {

    private final Map<Class<?>, BiFunction<Object, ResourceLocator, List<Need>>> rules = new HashMap<>();
    private final Set<Class<?>> byDirectory = Set.of(InitializeAccessDirectory.class, DefineRole.class,
            RetireRole.class, CreateGroup.class, AddGroupMember.class, RemoveGroupMember.class, RequestGrant.class,
            ApproveGrant.class, RejectGrant.class, RevokeGrant.class, ExpireGrant.class, StartAccessReview.class,
            DecideReviewItem.class, CloseAccessReview.class);

    /** The registry of every command the REST API sends. */
    public CommandPermissions() {
        on(RegisterSite.class, (c, at) -> List.of(need(Permissions.SITE_REGISTER, () -> ResourceRef.site(
                c.siteId()))));
        on(RegisterProject.class, (c, at) -> List.of(need(Permissions.PROJECT_REGISTER, () ->
                ResourceLocator.project(c.projectId()))));
        on(RegisterHost.class, (c, at) -> List.of(need(Permissions.HOST_REGISTER, () -> ResourceRef.host(c.hostId(),
                c.siteId()))));
        on(SetHostTemporary.class, (c, at) -> List.of(need(Permissions.HOST_REGISTER, () -> host(at, c.hostId()))));
        on(StartHostMaintenance.class, (c, at) -> List.of(need(Permissions.HOST_MAINTENANCE, () -> host(at,
                c.hostId()))));
        on(EndHostMaintenance.class, (c, at) -> List.of(need(Permissions.HOST_MAINTENANCE, () -> host(at,
                c.hostId()))));
        on(MarkHostUpgraded.class, (c, at) -> List.of(need(Permissions.HOST_MAINTENANCE, () -> host(at,
                c.hostId()))));
        on(DecommissionHost.class, (c, at) -> List.of(need(Permissions.HOST_DECOMMISSION, () -> host(at,
                c.hostId()))));

        on(ProvisionVm.class, (c, at) -> List.of(need(Permissions.VM_PROVISION, () -> ResourceRef.vm(c.vmId(),
                c.siteId(), c.environment(), c.project()))));
        on(StartVm.class, (c, at) -> List.of(need(Permissions.VM_OPERATE, () -> vm(at, c.vmId()))));
        on(StopVm.class, (c, at) -> List.of(need(Permissions.VM_OPERATE, () -> vm(at, c.vmId()))));
        on(ResizeVm.class, (c, at) -> List.of(need(Permissions.VM_OPERATE, () -> vm(at, c.vmId()))));
        on(RenameVm.class, (c, at) -> List.of(need(Permissions.VM_OPERATE, () -> vm(at, c.vmId()))));
        on(RetagVm.class, (c, at) -> List.of(need(Permissions.VM_OPERATE, () -> vm(at, c.vmId()))));
        on(DecommissionVm.class, (c, at) -> List.of(need(Permissions.VM_DECOMMISSION, () -> vm(at, c.vmId()))));

        // Migrating needs the right where the VM is and where it goes: the VM as it would stand at the target's site.
        on(RequestMigration.class, (c, at) -> {
            Supplier<ResourceRef> theVm = once(() -> vm(at, c.vmId()));
            return List.of(need(Permissions.VM_MIGRATE, theVm),
                    need(Permissions.VM_MIGRATE, () -> atSite(theVm.get(), targetHost(at, c.targetHostId()))));
        });
        on(StartMigration.class, (c, at) -> List.of(need(Permissions.VM_MIGRATE, () -> vm(at, c.vmId()))));
        on(CompleteMigration.class, (c, at) -> List.of(need(Permissions.VM_MIGRATE, () -> vm(at, c.vmId()))));
        on(FailMigration.class, (c, at) -> List.of(need(Permissions.VM_MIGRATE, () -> vm(at, c.vmId()))));
        on(RollBackMigration.class, (c, at) -> List.of(need(Permissions.VM_MIGRATE, () -> vm(at, c.vmId()))));

        on(CreateVolume.class, (c, at) -> List.of(need(Permissions.VOLUME_MANAGE, () -> new ResourceRef(
                ResourceLocator.VOLUME, c.volumeId(), c.siteId(), null, c.project()))));
        on(AttachVolume.class, (c, at) -> List.of(
                need(Permissions.VOLUME_MANAGE, () -> volume(at, c.volumeId())),
                need(Permissions.VM_OPERATE, () -> at.vm(c.vmId()).orElseThrow(() -> new RuleViolation(
                        "VM '" + c.vmId() + "' does not exist")))));
        on(DetachVolume.class, (c, at) -> List.of(need(Permissions.VOLUME_MANAGE, () -> volume(at, c.volumeId()))));
        on(DeleteVolume.class, (c, at) -> List.of(need(Permissions.VOLUME_MANAGE, () -> volume(at, c.volumeId()))));

        on(CreateContainer.class, (c, at) -> List.of(need(Permissions.STORAGE_MANAGE, () -> new ResourceRef(
                ResourceLocator.CONTAINER, c.containerId(), null, null, c.project()))));
        on(ChangeReplicaPolicy.class, (c, at) -> List.of(need(Permissions.STORAGE_MANAGE, () -> container(at,
                c.containerId()))));
        on(ReportReplicaStatus.class, (c, at) -> List.of(need(Permissions.STORAGE_MANAGE, () -> container(at,
                c.containerId()))));

        on(CreateUpgradeCampaign.class, (c, at) -> List.of(need(Permissions.CAMPAIGN_RUN, () -> new ResourceRef(
                ResourceLocator.CAMPAIGN, c.campaignId(), c.siteId(), null, null))));
        on(StartUpgradeCampaign.class, (c, at) -> List.of(need(Permissions.CAMPAIGN_RUN, () -> campaign(at,
                c.campaignId()))));
        on(PauseUpgradeCampaign.class, (c, at) -> List.of(need(Permissions.CAMPAIGN_RUN, () -> campaign(at,
                c.campaignId()))));
        on(ResumeUpgradeCampaign.class, (c, at) -> List.of(need(Permissions.CAMPAIGN_RUN, () -> campaign(at,
                c.campaignId()))));
    }

    /**
     * What {@code command} needs, its resources located through {@code locator} when each need is checked.
     *
     * @param command any command; not null
     */
    public Requirement of(Object command, ResourceLocator locator) {
        Objects.requireNonNull(command, "command");
        if (byDirectory.contains(command.getClass())) {
            return ByDirectory.INSTANCE;
        }
        BiFunction<Object, ResourceLocator, List<Need>> rule = rules.get(command.getClass());
        return rule == null ? new Unregistered(command.getClass()) : new Needs(rule.apply(command, locator));
    }

    /** Whether {@code commandType} has an entry, of either kind. */
    public boolean covers(Class<?> commandType) {
        return byDirectory.contains(commandType) || rules.containsKey(commandType);
    }

    /** The command types the access directory authorizes itself. */
    public Set<Class<?>> directoryCommands() {
        return byDirectory;
    }

    /** The command types checked here against the grants. */
    public Set<Class<?>> checkedCommands() {
        return Collections.unmodifiableSet(rules.keySet());
    }

    @SuppressWarnings("unchecked")
    private <C> void on(Class<C> type, BiFunction<C, ResourceLocator, List<Need>> rule) {
        rules.put(type, (command, locator) -> rule.apply((C) command, locator));
    }

    private static Need need(Permission permission, Supplier<ResourceRef> resource) {
        return new Need(permission, resource);
    }

    /** {@code supplier}, asked at most once (a resource needed twice is read once). */
    private static <T> Supplier<T> once(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    private static ResourceRef vm(ResourceLocator at, String id) {
        return at.vm(id).orElseThrow(() -> new UnknownResource("VM '" + id + "' does not exist"));
    }

    private static ResourceRef host(ResourceLocator at, String id) {
        return at.host(id).orElseThrow(() -> new UnknownResource("host '" + id + "' does not exist"));
    }

    private static ResourceRef targetHost(ResourceLocator at, String id) {
        return at.host(id).orElseThrow(() -> new RuleViolation("target host '" + id + "' does not exist"));
    }

    private static ResourceRef volume(ResourceLocator at, String id) {
        return at.volume(id).orElseThrow(() -> new UnknownResource("volume '" + id + "' does not exist"));
    }

    private static ResourceRef container(ResourceLocator at, String id) {
        return at.container(id).orElseThrow(() -> new UnknownResource("container '" + id + "' does not exist"));
    }

    private static ResourceRef campaign(ResourceLocator at, String id) {
        return at.campaign(id).orElseThrow(() -> new UnknownResource("campaign '" + id + "' does not exist"));
    }

    /** The VM as it would stand at {@code host}'s site. */
    private static ResourceRef atSite(ResourceRef vm, ResourceRef host) {
        return new ResourceRef(vm.type(), vm.id(), host.site(), vm.environment(), vm.project());
    }

    /** What a command needs before it is dispatched. */
    public sealed interface Requirement permits Needs, ByDirectory, Unregistered {
    }

    /**
     * Each permission on its resource, checked in order.
     *
     * @param needs not empty
     */
    public record Needs(List<Need> needs) implements Requirement {

        public Needs {
            needs = List.copyOf(needs);
            if (needs.isEmpty()) {
                throw new IllegalArgumentException("a checked command needs at least one permission");
            }
        }
    }

    /** An access directory command: its aggregate applies the access rules (no escalation, approval, SoD) itself. */
    public enum ByDirectory implements Requirement {
        INSTANCE
    }

    /** A command nobody registered: refused. */
    public record Unregistered(Class<?> commandType) implements Requirement {
    }

    /**
     * One permission on one resource.
     *
     * @param permission the permission needed
     * @param resource   finds the resource; throws {@link UnknownResource} or {@link RuleViolation} when it does
     *                   not exist
     */
    public record Need(Permission permission, Supplier<ResourceRef> resource) {

        public Need {
            Objects.requireNonNull(permission, "permission");
            Objects.requireNonNull(resource, "resource");
        }
    }
}
