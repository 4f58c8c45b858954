package dev.twinledger.policies.scope;

import dev.twinledger.api.inventory.Environment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResourceRefTest {

    @Test
    void vmCarriesItsPlacement() {
        assertThat(ResourceRef.vm("web-1", "dc1", Environment.PROD, "shop"))
                .isEqualTo(new ResourceRef("vm", "web-1", "dc1", Environment.PROD, "shop"))
                .hasToString("vm web-1 (site=dc1, environment=prod, project=shop)");
    }

    @Test
    void hostHasNoEnvironmentOrProject() {
        assertThat(ResourceRef.host("h1", "dc1")).isEqualTo(new ResourceRef("host", "h1", "dc1", null, null));
    }

    @Test
    void siteStandsInItself() {
        assertThat(ResourceRef.site("dc1")).isEqualTo(new ResourceRef("site", "dc1", "dc1", null, null))
                .hasToString("site dc1 (site=dc1)");
    }

    @Test
    void resourceWithoutAttributesSaysSo() {
        assertThat(new ResourceRef("campaign", "c1", null, null, null))
                .hasToString("campaign c1 (no site, environment or project)");
    }

    @Test
    void typeAndIdAreRequired() {
        assertThatThrownBy(() -> new ResourceRef(null, "x", null, null, null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ResourceRef("vm", null, null, null, null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void malformedAttributesAreRejected() {
        assertThatThrownBy(() -> new ResourceRef("Vm", "x", null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resource type");
        assertThatThrownBy(() -> new ResourceRef("vm", " ", null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
        assertThatThrownBy(() -> new ResourceRef("vm", "x", "", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("site");
        assertThatThrownBy(() -> new ResourceRef("vm", "x", null, null, " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("project");
    }
}
