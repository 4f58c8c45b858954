package dev.twinledger.policies.scope;

import dev.twinledger.api.inventory.Environment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScopeTest {

    private static final ResourceRef WEB_1 = ResourceRef.vm("web-1", "dc1", Environment.PROD, "shop");
    private static final Scope DC1 = Scope.EVERYWHERE.withSite("dc1");
    private static final Scope DC1_PROD = DC1.withEnvironment(Environment.PROD);
    private static final Scope DC1_PROD_SHOP = DC1_PROD.withProject("shop");

    @Test
    void everywhereCoversEveryResource() {
        assertThat(Scope.EVERYWHERE.covers(WEB_1)).isTrue();
        assertThat(Scope.EVERYWHERE.covers(ResourceRef.site("dc9"))).isTrue();
        assertThat(Scope.EVERYWHERE.isEverywhere()).isTrue();
        assertThat(DC1.isEverywhere()).isFalse();
    }

    @Test
    void coversResourceMatchingEverySetAttribute() {
        assertThat(DC1_PROD_SHOP.covers(WEB_1)).isTrue();
        assertThat(Scope.of(WEB_1).covers(WEB_1)).isTrue();
    }

    @Test
    void doesNotCoverResourceAtAnotherSite() {
        assertThat(DC1.covers(ResourceRef.vm("web-1", "dc2", Environment.PROD, "shop"))).isFalse();
    }

    @Test
    void doesNotCoverResourceInAnotherEnvironment() {
        assertThat(DC1_PROD.covers(ResourceRef.vm("web-1", "dc1", Environment.DEV, "shop"))).isFalse();
    }

    @Test
    void doesNotCoverResourceOfAnotherProject() {
        assertThat(DC1_PROD_SHOP.covers(ResourceRef.vm("web-1", "dc1", Environment.PROD, "bank"))).isFalse();
    }

    @Test
    void doesNotCoverAnotherResource() {
        Scope web1 = Scope.EVERYWHERE.withResource("vm", "web-1");

        assertThat(web1.covers(WEB_1)).isTrue();
        assertThat(web1.covers(ResourceRef.vm("web-2", "dc1", Environment.PROD, "shop"))).isFalse();
        assertThat(web1.covers(ResourceRef.host("web-1", "dc1"))).as("same id, other type").isFalse();
    }

    @Test
    void setAttributeDoesNotCoverResourceWithoutIt() {
        assertThat(DC1_PROD.covers(ResourceRef.host("h1", "dc1"))).as("hosts have no environment").isFalse();
        assertThat(DC1.covers(ResourceRef.host("h1", "dc1"))).isTrue();
        assertThat(DC1.covers(new ResourceRef("vm", "x", null, null, null))).isFalse();
    }

    @Test
    void broaderScopeContainsNarrowerOne() {
        assertThat(Scope.EVERYWHERE.contains(DC1_PROD)).isTrue();
        assertThat(DC1.contains(DC1_PROD_SHOP)).isTrue();
        assertThat(DC1_PROD.contains(Scope.of(WEB_1))).isTrue();
        assertThat(DC1_PROD.contains(DC1_PROD)).as("every scope contains itself").isTrue();
    }

    @Test
    void narrowerScopeDoesNotContainBroaderOne() {
        assertThat(DC1_PROD.contains(DC1)).isFalse();
        assertThat(DC1.contains(Scope.EVERYWHERE)).isFalse();
        assertThat(DC1_PROD_SHOP.contains(DC1_PROD)).isFalse();
        assertThat(Scope.of(WEB_1).contains(DC1_PROD_SHOP)).isFalse();
    }

    @Test
    void scopesDifferingInAnAttributeDoNotContainEachOther() {
        assertThat(DC1.contains(Scope.EVERYWHERE.withSite("dc2"))).isFalse();
        assertThat(DC1_PROD.contains(DC1.withEnvironment(Environment.TEST))).isFalse();
        assertThat(DC1_PROD_SHOP.contains(DC1_PROD.withProject("bank"))).isFalse();
        assertThat(Scope.of(WEB_1).contains(DC1_PROD_SHOP.withResource("vm", "web-2"))).isFalse();
    }

    @Test
    void containmentIsSyntacticAndDoesNotKnowWhereResourcesLive() {
        assertThat(DC1.contains(Scope.EVERYWHERE.withResource("vm", "web-1"))).isFalse();
    }

    @Test
    void scopesOverlapUnlessAnAttributeDiffers() {
        assertThat(DC1.overlaps(Scope.EVERYWHERE.withEnvironment(Environment.PROD))).isTrue();
        assertThat(Scope.EVERYWHERE.overlaps(DC1)).isTrue();
        assertThat(DC1_PROD.overlaps(DC1_PROD)).isTrue();
        assertThat(Scope.of(WEB_1).overlaps(Scope.EVERYWHERE.withResource("vm", "web-1"))).isTrue();
    }

    @Test
    void scopesDifferingInAnyAttributeDoNotOverlap() {
        assertThat(DC1.overlaps(Scope.EVERYWHERE.withSite("dc2"))).isFalse();
        assertThat(DC1_PROD.overlaps(Scope.EVERYWHERE.withEnvironment(Environment.DEV))).isFalse();
        assertThat(DC1_PROD_SHOP.overlaps(Scope.EVERYWHERE.withProject("bank"))).isFalse();
        assertThat(Scope.of(WEB_1).overlaps(Scope.EVERYWHERE.withResource("vm", "web-2"))).isFalse();
    }

    @Test
    void withersReplaceOneAttribute() {
        Scope scope = Scope.of(WEB_1);

        assertThat(scope.withSite(null)).isEqualTo(new Scope(null, Environment.PROD, "shop", "vm", "web-1"));
        assertThat(scope.withEnvironment(null).environment()).isNull();
        assertThat(scope.withProject(null).project()).isNull();
        assertThat(scope.withResource(null, null)).isEqualTo(DC1_PROD_SHOP);
    }

    @Test
    void describesSetAttributesInOrder() {
        assertThat(Scope.of(WEB_1)).hasToString("site=dc1, environment=prod, project=shop, resource=vm/web-1");
        assertThat(Scope.EVERYWHERE).hasToString("everywhere");
        assertThat(Scope.EVERYWHERE.withProject("shop")).hasToString("project=shop");
    }

    @Test
    void blankAttributesAreRejected() {
        assertThatThrownBy(() -> Scope.EVERYWHERE.withSite(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("site");
        assertThatThrownBy(() -> Scope.EVERYWHERE.withProject("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("project");
        assertThatThrownBy(() -> Scope.EVERYWHERE.withResource("vm", " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resource id");
    }

    @Test
    void singleResourceNeedsTypeAndId() {
        assertThatThrownBy(() -> Scope.EVERYWHERE.withResource("vm", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both its type and its id");
        assertThatThrownBy(() -> Scope.EVERYWHERE.withResource(null, "web-1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedResourceTypeIsRejected() {
        assertThatThrownBy(() -> Scope.EVERYWHERE.withResource("VM", "web-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resource type");
    }

    @Test
    void theCoveringScopesAreExactlyThoseThatCover() {
        ResourceRef vm = ResourceRef.vm("web-1", "dc1", Environment.PROD, "shop");
        ResourceRef host = ResourceRef.host("h-1", "dc1");

        assertThat(Scope.covering(vm)).hasSize(16).allMatch(scope -> scope.covers(vm))
                .contains(Scope.EVERYWHERE, Scope.of(vm), Scope.EVERYWHERE.withProject("shop"));
        assertThat(Scope.covering(host)).containsExactlyInAnyOrder(Scope.EVERYWHERE,
                Scope.EVERYWHERE.withSite("dc1"), Scope.EVERYWHERE.withResource("host", "h-1"), Scope.of(host));
    }
}
