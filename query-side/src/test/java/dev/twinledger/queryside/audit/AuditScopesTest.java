package dev.twinledger.queryside.audit;

import dev.twinledger.api.inventory.Environment;
import dev.twinledger.policies.scope.ResourceRef;
import dev.twinledger.policies.scope.Scope;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AuditScopesTest {

    private static final ResourceRef WEB_1 = ResourceRef.vm("web-1", "dc2", Environment.PROD, "tenders");
    private static final Map<String, ResourceRef> INVENTORY = Map.of("web-1", WEB_1,
            "dc1-h01", ResourceRef.host("dc1-h01", "dc1"));

    private final AuditScopes scopes = new AuditScopes(id -> Optional.ofNullable(INVENTORY.get(id)));

    @Test
    void aResourceQuestionNeedsTheResourceWhereTheInventoryPutsItNow() {
        AuditScope scope = scopes.of("web-1", null);

        assertThat(scope.resource()).isEqualTo(WEB_1);
        assertThat(scope.scope()).isEqualTo(new Scope("dc2", Environment.PROD, "tenders", "vm", "web-1"));
        assertThat(scope.text()).isEqualTo("site=dc2, environment=prod, project=tenders, resource=vm/web-1");
    }

    @Test
    void theResourceDecidesEvenWhenASiteIsGivenToo() {
        assertThat(scopes.of("dc1-h01", "dc2").resource()).isEqualTo(ResourceRef.host("dc1-h01", "dc1"));
    }

    @Test
    void aResourceTheInventoryDoesNotKnowIsTheIdAloneWhichOnlyEverywhereCovers() {
        AuditScope scope = scopes.of("gone-vm", null);

        assertThat(scope.resource()).isEqualTo(new ResourceRef("resource", "gone-vm", null, null, null));
        assertThat(new Scope("dc1", null, null, null, null).covers(scope.resource())).isFalse();
        assertThat(Scope.EVERYWHERE.covers(scope.resource())).isTrue();
    }

    @Test
    void aSiteWithoutAResourceNeedsTheSite() {
        AuditScope scope = scopes.of(new AuditFilter(null, "alice", "VmMigrated", "dc1", Instant.EPOCH, null, null));

        assertThat(scope.resource()).isNull();
        assertThat(scope.scope()).isEqualTo(new Scope("dc1", null, null, null, null));
    }

    @Test
    void everyOtherQuestionNeedsEverywhere() {
        assertThat(scopes.of(AuditFilter.ALL).scope()).isEqualTo(Scope.EVERYWHERE);
        assertThat(scopes.of(new AuditFilter(null, "alice", "GrantRevoked", null, null, null, "corr-1")).scope())
                .isEqualTo(Scope.EVERYWHERE);
        assertThat(scopes.of(" ", "").scope()).isEqualTo(Scope.EVERYWHERE);
    }

    @Test
    void oneEntryNeedsItsOnlySiteOrEverywhere() {
        assertThat(AuditScopes.ofEntry(List.of("dc1")).scope()).isEqualTo(new Scope("dc1", null, null, null, null));
        assertThat(AuditScopes.ofEntry(List.of("dc1", "dc2")).scope()).isEqualTo(Scope.EVERYWHERE);
        assertThat(AuditScopes.ofEntry(List.of()).scope()).isEqualTo(Scope.EVERYWHERE);
    }
}
