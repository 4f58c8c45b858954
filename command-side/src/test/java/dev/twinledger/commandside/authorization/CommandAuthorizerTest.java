package dev.twinledger.commandside.authorization;

import dev.twinledger.api.access.AccessDirectory;
import dev.twinledger.api.access.AccessScope;
import dev.twinledger.api.access.RevokeGrant;
import dev.twinledger.api.campaign.CompleteUpgradeCampaign;
import dev.twinledger.api.inventory.AttachVolume;
import dev.twinledger.api.inventory.Environment;
import dev.twinledger.api.inventory.HostRegistered;
import dev.twinledger.api.inventory.ProvisionVm;
import dev.twinledger.api.inventory.StartVm;
import dev.twinledger.api.inventory.VmProvisioned;
import dev.twinledger.api.inventory.VolumeCreated;
import dev.twinledger.api.migration.RequestMigration;
import dev.twinledger.commandside.domain.AccessRefused;
import dev.twinledger.commandside.domain.RuleViolation;
import dev.twinledger.commandside.domain.UnknownResource;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static dev.twinledger.commandside.authorization.Directory.operatorGrant;
import static dev.twinledger.commandside.authorization.Directory.operatorRole;
import static dev.twinledger.commandside.authorization.Directory.revoked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Commands against the grants: allowed where a grant covers the resource, refused with reasons elsewhere. */
class CommandAuthorizerTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final Instant NOW = T0.plusSeconds(3600);

    private final InMemoryStoredEvents store = new InMemoryStoredEvents();
    private final CommandAuthorizer authorizer = new CommandAuthorizer(new EventStoreAccessLookup(store),
            new EventStoreResourceLocator(store), new CommandPermissions(), Clock.fixed(NOW, ZoneOffset.UTC));

    CommandAuthorizerTest() {
        store.append(AccessDirectory.ID, operatorRole(), null, T0);
        store.append(AccessDirectory.ID, operatorGrant("g-prod", "alice", "dc1", Environment.PROD), "admin", T0);
    }

    @Test
    void anOperatorOnDc1ProdProvisionsThere() {
        assertThatCode(() -> authorizer.authorize("alice", provision("dc1", Environment.PROD)))
                .doesNotThrowAnyException();
    }

    @Test
    void anOperatorOnDc1ProdIsRefusedAtDc2AndAtDc1DevNamingThePermissionAndTheScope() {
        assertThatThrownBy(() -> authorizer.authorize("alice", provision("dc2", Environment.PROD)))
                .isInstanceOfSatisfying(AccessRefused.class, refused -> {
                    assertThat(refused.rule()).isEqualTo(AccessRefused.MISSING_PERMISSION);
                    assertThat(refused.permission()).isEqualTo("vm:provision");
                    assertThat(refused.resourceType()).isEqualTo("vm");
                    assertThat(refused.resourceId()).isEqualTo("vm-new");
                    assertThat(refused.where()).isEqualTo(new AccessScope("dc2", Environment.PROD, "eproc", null,
                            null));
                    assertThat(refused.isConflict()).isFalse();
                    assertThat(refused.getMessage())
                            .contains("user:alice may not vm:provision", "missing vm:provision on a scope covering"
                                    + " site=dc2, environment=prod, project=eproc, resource=vm/vm-new")
                            // what the caller has nearby, and why it does not count
                            .contains("grant g-prod: operator on site=dc1, environment=prod", "does not cover");
                });
        assertThatThrownBy(() -> authorizer.authorize("alice", provision("dc1", Environment.DEV)))
                .isInstanceOfSatisfying(AccessRefused.class, refused -> assertThat(refused.getMessage())
                        .contains("missing vm:provision on a scope covering site=dc1, environment=dev"));
    }

    @Test
    void aUserWithoutGrantsIsRefused() {
        assertThatThrownBy(() -> authorizer.authorize("mallory", provision("dc1", Environment.PROD)))
                .isInstanceOf(AccessRefused.class).hasMessageContaining("user:mallory may not vm:provision");
    }

    @Test
    void aRevokedGrantGivesNothingFromTheNextCommandOn() {
        authorizer.authorize("alice", provision("dc1", Environment.PROD));
        store.append(AccessDirectory.ID, revoked("g-prod"), "admin", NOW.minusSeconds(1));

        assertThatThrownBy(() -> authorizer.authorize("alice", provision("dc1", Environment.PROD)))
                .isInstanceOf(AccessRefused.class).hasMessageContaining("revoked by admin");
    }

    @Test
    void aRevocationStoredByAnInstanceWhoseClockRunsAheadCountsAtOnce() {
        // The revocation's time is after this instance's "now": a check at "now" would still see the grant.
        store.append(AccessDirectory.ID, revoked("g-prod"), "admin", NOW.plusSeconds(2));

        assertThatThrownBy(() -> authorizer.authorize("alice", provision("dc1", Environment.PROD)))
                .isInstanceOf(AccessRefused.class).hasMessageContaining("revoked by admin");
    }

    @Test
    void aVmIsJudgedWhereItStandsAndAnUnknownOneIs404() {
        store.append("vm-1", new VmProvisioned("vm-1", "web", "dc1", "hv-1", "eproc", Environment.PROD, 2, 4096,
                null), "bob", T0);
        store.append("vm-2", new VmProvisioned("vm-2", "web", "dc2", "hv-2", "eproc", Environment.PROD, 2, 4096,
                null), "bob", T0);

        assertThatCode(() -> authorizer.authorize("alice", new StartVm("vm-1"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> authorizer.authorize("alice", new StartVm("vm-2")))
                .isInstanceOf(AccessRefused.class).hasMessageContaining("missing vm:operate");
        assertThatThrownBy(() -> authorizer.authorize("alice", new StartVm("vm-9")))
                .isInstanceOf(UnknownResource.class).hasMessage("VM 'vm-9' does not exist");
    }

    @Test
    void aMigrationToAnotherSiteNeedsTheRightThereToo() {
        store.append("vm-1", new VmProvisioned("vm-1", "web", "dc1", "hv-1", "eproc", Environment.PROD, 2, 4096,
                null), "bob", T0);
        store.append("hv-1b", new HostRegistered("hv-1b", "dc1", "hv", 32, 262144, 0, 1.0, false), "bob", T0);
        store.append("hv-2", new HostRegistered("hv-2", "dc2", "hv", 32, 262144, 0, 1.0, false), "bob", T0);

        assertThatCode(() -> authorizer.authorize("alice", new RequestMigration("vm-1", "m-1", "hv-1b", null)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> authorizer.authorize("alice", new RequestMigration("vm-1", "m-2", "hv-2", null)))
                .isInstanceOfSatisfying(AccessRefused.class, refused -> {
                    assertThat(refused.permission()).isEqualTo("vm:migrate");
                    assertThat(refused.where().siteId()).isEqualTo("dc2");
                });

        store.append(AccessDirectory.ID, operatorGrant("g-dc2", "alice", "dc2", null), "admin", T0);
        assertThatCode(() -> authorizer.authorize("alice", new RequestMigration("vm-1", "m-2", "hv-2", null)))
                .doesNotThrowAnyException();
    }

    @Test
    void aMissingTargetIs422OnlyForACallerWhoMayMigrateTheVm() {
        store.append("vm-1", new VmProvisioned("vm-1", "web", "dc1", "hv-1", "eproc", Environment.PROD, 2, 4096,
                null), "bob", T0);

        assertThatThrownBy(() -> authorizer.authorize("alice", new RequestMigration("vm-1", "m-1", "hv-9", null)))
                .isInstanceOf(RuleViolation.class).hasMessage("target host 'hv-9' does not exist");
        assertThatThrownBy(() -> authorizer.authorize("mallory", new RequestMigration("vm-1", "m-1", "hv-9", null)))
                .isInstanceOf(AccessRefused.class);
    }

    @Test
    void attachingNeedsVmOperateOnTheVm() {
        store.append("vol-1", new VolumeCreated("vol-1", "data", "dc1", "eproc", 10), "bob", T0);
        store.append("vm-2", new VmProvisioned("vm-2", "web", "dc2", "hv-2", "eproc", Environment.PROD, 2, 4096,
                null), "bob", T0);
        store.append(AccessDirectory.ID, operatorGrant("g-dc1", "alice", "dc1", null), "admin", T0);

        assertThatThrownBy(() -> authorizer.authorize("alice", new AttachVolume("vol-1", "vm-2")))
                .isInstanceOfSatisfying(AccessRefused.class, refused -> {
                    assertThat(refused.permission()).isEqualTo("vm:operate");
                    assertThat(refused.resourceId()).isEqualTo("vm-2");
                });
    }

    @Test
    void theDirectorysCommandsAreLeftToTheDirectory() {
        assertThatCode(() -> authorizer.authorize("mallory", new RevokeGrant("g-prod", "mallory", "no")))
                .doesNotThrowAnyException();
    }

    @Test
    void aCommandWithoutAnEntryIsRefused() {
        assertThatThrownBy(() -> authorizer.authorize("alice", new CompleteUpgradeCampaign("up-1")))
                .isInstanceOfSatisfying(AccessRefused.class, refused -> {
                    assertThat(refused.rule()).isEqualTo(CommandAuthorizer.UNREGISTERED_COMMAND);
                    assertThat(refused.getMessage()).contains("CompleteUpgradeCampaign");
                });
    }

    @Test
    void aRequestWithoutACallerIsRefused() {
        assertThatThrownBy(() -> authorizer.authorize(null, provision("dc1", Environment.PROD)))
                .isInstanceOf(AccessRefused.class).hasMessageContaining("names no caller");
        assertThatThrownBy(() -> authorizer.authorize(" ", provision("dc1", Environment.PROD)))
                .isInstanceOf(AccessRefused.class);
    }

    @Test
    void aCommandThatCannotDescribeItsResourceIs422NotABug() {
        assertThatThrownBy(() -> authorizer.authorize("alice", new ProvisionVm("vm-1", "web", " ", "hv-1", "eproc",
                Environment.PROD, 2, 4096, null))).isInstanceOf(RuleViolation.class);
    }

    private static ProvisionVm provision(String site, Environment environment) {
        return new ProvisionVm("vm-new", "web", site, "hv-1", "eproc", environment, 2, 4096, null);
    }
}
