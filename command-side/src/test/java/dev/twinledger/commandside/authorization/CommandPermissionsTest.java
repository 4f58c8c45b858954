package dev.twinledger.commandside.authorization;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.twinledger.api.access.RequestGrant;
import dev.twinledger.api.campaign.CompleteUpgradeCampaign;
import dev.twinledger.api.campaign.CreateUpgradeCampaign;
import dev.twinledger.api.campaign.PlanHostEvacuation;
import dev.twinledger.api.campaign.PlanHostReturn;
import dev.twinledger.api.campaign.RecordCampaignHostUpgraded;
import dev.twinledger.api.campaign.RecordCampaignMigration;
import dev.twinledger.api.inventory.AttachVolume;
import dev.twinledger.api.inventory.Environment;
import dev.twinledger.api.inventory.HostRegistered;
import dev.twinledger.api.inventory.ProvisionVm;
import dev.twinledger.api.inventory.RegisterProject;
import dev.twinledger.api.inventory.RegisterSite;
import dev.twinledger.api.inventory.SetHostTemporary;
import dev.twinledger.api.inventory.StartVm;
import dev.twinledger.api.inventory.VmProvisioned;
import dev.twinledger.api.inventory.VolumeCreated;
import dev.twinledger.api.migration.RequestMigration;
import dev.twinledger.api.storage.ContainerCreated;
import dev.twinledger.api.storage.CreateContainer;
import dev.twinledger.api.storage.ReportReplicaStatus;
import dev.twinledger.api.storage.ReplicaStatus;
import dev.twinledger.commandside.authorization.CommandPermissions.ByDirectory;
import dev.twinledger.commandside.authorization.CommandPermissions.Need;
import dev.twinledger.commandside.authorization.CommandPermissions.Needs;
import dev.twinledger.commandside.authorization.CommandPermissions.Requirement;
import dev.twinledger.commandside.authorization.CommandPermissions.Unregistered;
import dev.twinledger.commandside.domain.RuleViolation;
import dev.twinledger.commandside.domain.UnknownResource;
import dev.twinledger.policies.permission.Permission;
import dev.twinledger.policies.permission.Permissions;
import dev.twinledger.policies.scope.ResourceRef;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.junit.jupiter.api.Test;

import java.lang.reflect.AnnotatedElement;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry covers every command of the api, and each command needs what its endpoint promises. */
class CommandPermissionsTest {

    /**
     * Commands only the upgrade campaign's process sends, through the command bus: never over the API, so they have
     * no entry and would be refused if they were.
     */
    private static final Set<Class<?>> SENT_BY_THE_CAMPAIGN_PROCESS_ONLY = Set.of(CompleteUpgradeCampaign.class,
            PlanHostEvacuation.class, PlanHostReturn.class, RecordCampaignHostUpgraded.class,
            RecordCampaignMigration.class);

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    private final CommandPermissions registry = new CommandPermissions();
    private final InMemoryStoredEvents store = new InMemoryStoredEvents();
    private final ResourceLocator locator = new EventStoreResourceLocator(store);

    @Test
    void everyCommandOfTheApiHasAnEntryExceptThoseOnlyTheCampaignProcessSends() {
        List<Class<?>> commands = apiCommands();

        assertThat(commands).hasSizeGreaterThan(40).containsAll(SENT_BY_THE_CAMPAIGN_PROCESS_ONLY);
        assertThat(commands.stream().filter(type -> !SENT_BY_THE_CAMPAIGN_PROCESS_ONLY.contains(type))
                .filter(type -> !registry.covers(type)).map(Class::getName))
                .as("commands of the api without an entry in CommandPermissions").isEmpty();
        assertThat(SENT_BY_THE_CAMPAIGN_PROCESS_ONLY).noneMatch(registry::covers);
    }

    @Test
    void theAccessDirectorysCommandsAndOnlyThoseAreLeftToTheDirectory() {
        assertThat(apiCommands().stream().filter(type -> type.getPackageName().equals("dev.twinledger.api.access")))
                .containsExactlyInAnyOrderElementsOf(registry.directoryCommands());
        assertThat(registry.of(new RequestGrant("g-1", null, "operator", null, null, null, "j", null, "alice"),
                locator)).isEqualTo(ByDirectory.INSTANCE);
    }

    @Test
    void aCommandNobodyRegisteredIsUnregistered() {
        assertThat(registry.of(new CompleteUpgradeCampaign("up-1"), locator))
                .isEqualTo(new Unregistered(CompleteUpgradeCampaign.class));
    }

    @Test
    void creatingCommandsNeedTheirPermissionWhereTheCommandPutsTheResource() {
        assertThat(needs(new ProvisionVm("vm-1", "web", "dc1", "hv-1", "eproc", Environment.PROD, 2, 4096, null)))
                .containsExactly(Map.entry(Permissions.VM_PROVISION, ResourceRef.vm("vm-1", "dc1", Environment.PROD,
                        "eproc")));
        assertThat(needs(new RegisterSite("dc1", "Site 1", null)))
                .containsExactly(Map.entry(Permissions.SITE_REGISTER, ResourceRef.site("dc1")));
        assertThat(needs(new RegisterProject("eproc", "E-procurement", null)))
                .containsExactly(Map.entry(Permissions.PROJECT_REGISTER, ResourceLocator.project("eproc")));
        assertThat(needs(new CreateContainer("ctr-1", "docs", "eproc", Set.of("dc1"))))
                .containsExactly(Map.entry(Permissions.STORAGE_MANAGE, new ResourceRef("container", "ctr-1", null,
                        null, "eproc")));
        assertThat(needs(new CreateUpgradeCampaign("up-1", "upgrade", "dc2", List.of("hv-1"), List.of(), "v2", 3,
                1800))).containsExactly(Map.entry(Permissions.CAMPAIGN_RUN, new ResourceRef("campaign", "up-1",
                "dc2", null, null)));
    }

    @Test
    void commandsOnExistingResourcesNeedTheirPermissionWhereTheResourceStands() {
        store.append("vm-1", new VmProvisioned("vm-1", "web", "dc1", "hv-1", "eproc", Environment.DEV, 2, 4096,
                null), "a", T0);
        store.append("hv-1", new HostRegistered("hv-1", "dc1", "hv-1", 32, 262144, 0, 1.0, false), "a", T0);
        store.append("ctr-1", new ContainerCreated("ctr-1", "docs", "eproc", Set.of("dc1")), "a", T0);

        assertThat(needs(new StartVm("vm-1"))).containsExactly(Map.entry(Permissions.VM_OPERATE,
                ResourceRef.vm("vm-1", "dc1", Environment.DEV, "eproc")));
        assertThat(needs(new SetHostTemporary("hv-1", true))).containsExactly(Map.entry(Permissions.HOST_REGISTER,
                ResourceRef.host("hv-1", "dc1")));
        assertThat(needs(new ReportReplicaStatus("ctr-1", "dc1", ReplicaStatus.LAGGING, null)))
                .containsExactly(Map.entry(Permissions.STORAGE_MANAGE, new ResourceRef("container", "ctr-1", null,
                        null, "eproc")));
    }

    @Test
    void aMigrationNeedsVmMigrateWhereTheVmIsAndAtTheTargetHostsSite() {
        store.append("vm-1", new VmProvisioned("vm-1", "web", "dc1", "hv-1", "eproc", Environment.PROD, 2, 4096,
                null), "a", T0);
        store.append("hv-9", new HostRegistered("hv-9", "dc2", "hv-9", 32, 262144, 0, 1.0, false), "a", T0);

        assertThat(needs(new RequestMigration("vm-1", "m-1", "hv-9", null))).containsExactly(
                Map.entry(Permissions.VM_MIGRATE, ResourceRef.vm("vm-1", "dc1", Environment.PROD, "eproc")),
                Map.entry(Permissions.VM_MIGRATE, ResourceRef.vm("vm-1", "dc2", Environment.PROD, "eproc")));
    }

    @Test
    void attachingAVolumeNeedsVolumeManageOnItAndVmOperateOnTheVm() {
        store.append("vol-1", new VolumeCreated("vol-1", "data", "dc1", "eproc", 10), "a", T0);
        store.append("vm-1", new VmProvisioned("vm-1", "web", "dc1", "hv-1", "shop", Environment.PROD, 2, 4096,
                null), "a", T0);

        assertThat(needs(new AttachVolume("vol-1", "vm-1"))).containsExactly(
                Map.entry(Permissions.VOLUME_MANAGE, new ResourceRef("volume", "vol-1", "dc1", null, "eproc")),
                Map.entry(Permissions.VM_OPERATE, ResourceRef.vm("vm-1", "dc1", Environment.PROD, "shop")));
    }

    @Test
    void aMissingAddressedResourceIs404AndAMissingReferencedOneIs422() {
        store.append("vm-1", new VmProvisioned("vm-1", "web", "dc1", "hv-1", "eproc", Environment.PROD, 2, 4096,
                null), "a", T0);

        assertThatThrownBy(() -> needs(new StartVm("vm-9"))).isInstanceOf(UnknownResource.class)
                .hasMessage("VM 'vm-9' does not exist");
        assertThatThrownBy(() -> needs(new RequestMigration("vm-1", "m-1", "hv-9", null)))
                .isInstanceOf(RuleViolation.class).hasMessage("target host 'hv-9' does not exist");
        store.append("vol-1", new VolumeCreated("vol-1", "data", "dc1", "eproc", 10), "a", T0);
        assertThatThrownBy(() -> needs(new AttachVolume("vol-1", "vm-9"))).isInstanceOf(RuleViolation.class)
                .hasMessage("VM 'vm-9' does not exist");
    }

    /** The (permission, resource) pairs {@code command} needs, each resource located. */
    private List<Map.Entry<Permission, ResourceRef>> needs(Object command) {
        Requirement requirement = registry.of(command, locator);
        assertThat(requirement).isInstanceOf(Needs.class);
        return ((Needs) requirement).needs().stream()
                .map((Need need) -> Map.entry(need.permission(), need.resource().get())).toList();
    }

    /** Every record of the api with a target aggregate identifier: the commands. */
    private static List<Class<?>> apiCommands() {
        Set<String> names = new TreeSet<>();
        for (JavaClass type : new ClassFileImporter().importPackages("dev.twinledger.api")) {
            Class<?> reflected = type.reflect();
            if (reflected.isRecord() && isCommand(reflected)) {
                names.add(reflected.getName());
            }
        }
        return names.stream().<Class<?>>map(name -> {
            try {
                return Class.forName(name);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static boolean isCommand(Class<?> type) {
        return Stream.concat(Arrays.stream(type.getDeclaredFields()), Arrays.stream(type.getDeclaredMethods()))
                .map(AnnotatedElement.class::cast)
                .anyMatch(member -> member.isAnnotationPresent(TargetAggregateIdentifier.class));
    }
}
