package dev.twinledger.policies.history;

import dev.twinledger.api.access.AccessScope;
import dev.twinledger.api.access.PrincipalRef;
import dev.twinledger.api.inventory.Environment;
import dev.twinledger.policies.grant.Principal;
import dev.twinledger.policies.scope.Scope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccessValuesTest {

    @Test
    void principalsConvertBothWays() {
        assertThat(AccessValues.principal(PrincipalRef.user("alice"))).isEqualTo(Principal.user("alice"));
        assertThat(AccessValues.principal(PrincipalRef.group("ops"))).isEqualTo(Principal.group("ops"));
        assertThat(AccessValues.principal(Principal.user("alice"))).isEqualTo(PrincipalRef.user("alice"));
        assertThat(AccessValues.principal(Principal.group("ops"))).isEqualTo(PrincipalRef.group("ops"));
    }

    @Test
    void scopesConvertBothWaysAndNullIsEverywhere() {
        AccessScope scope = new AccessScope("dc1", Environment.PROD, "shop", "vm", "web-1");
        Scope converted = AccessValues.scope(scope);
        assertThat(converted).isEqualTo(new Scope("dc1", Environment.PROD, "shop", "vm", "web-1"));
        assertThat(AccessValues.scope(converted)).isEqualTo(scope);
        assertThat(AccessValues.scope((AccessScope) null)).isEqualTo(Scope.EVERYWHERE);
        assertThat(AccessValues.scope(AccessScope.EVERYWHERE)).isEqualTo(Scope.EVERYWHERE);
    }
}
