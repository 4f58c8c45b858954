package dev.twinledger.commandside.config;

import dev.twinledger.api.ResourceIds;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;

/**
 * The Keycloak group sync ({@code twinledger.access.keycloak-sync.*}; module README, "Keycloak group sync"). Off by
 * default. When on, the service refuses to start without a client secret, with a server URL that is not absolute
 * http(s), or with an interval under one second.
 *
 * @param enabled        whether this command side runs the sync (db-scheduler runs each run on one instance)
 * @param serverUrl      Keycloak's base URL, without {@code /realms/...}
 * @param realm          the realm whose groups are managed; the client lives in it
 * @param clientId       the confidential client whose service account changes groups
 * @param clientSecret   its secret; required when enabled, never logged
 * @param parentGroup    the top-level Keycloak group under which every Twinledger group lives
 * @param interval       the pause between the end of one run and the start of the next
 * @param requestTimeout how long one Keycloak request may take
 */
@Validated
@ConfigurationProperties("twinledger.access.keycloak-sync")
public record KeycloakSyncProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("http://localhost:18080") @NotNull URI serverUrl,
        @DefaultValue("twinledger") @NotBlank String realm,
        @DefaultValue("twinledger-directory-sync") @NotBlank String clientId,
        String clientSecret,
        @DefaultValue("twinledger") @Pattern(regexp = ResourceIds.REGEX) String parentGroup,
        @DefaultValue("30s") @NotNull Duration interval,
        @DefaultValue("10s") @NotNull Duration requestTimeout) {

    @AssertTrue(message = "must be set when twinledger.access.keycloak-sync.enabled is true")
    boolean isClientSecretSet() {
        return !enabled || (clientSecret != null && !clientSecret.isBlank());
    }

    @AssertTrue(message = "must be an absolute http or https URL")
    boolean isServerUrlHttp() {
        return serverUrl == null || (serverUrl.isAbsolute() && serverUrl.getHost() != null
                && ("http".equals(serverUrl.getScheme()) || "https".equals(serverUrl.getScheme())));
    }

    @AssertTrue(message = "must be at least 1s")
    boolean isIntervalPositive() {
        return interval == null || interval.compareTo(Duration.ofSeconds(1)) >= 0;
    }

    @AssertTrue(message = "must be positive")
    boolean isRequestTimeoutPositive() {
        return requestTimeout == null || (!requestTimeout.isNegative() && !requestTimeout.isZero());
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "KeycloakSyncProperties[enabled=" + enabled + ", serverUrl=" + serverUrl + ", realm=" + realm
                + ", clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? "unset" : "***")
                + ", parentGroup=" + parentGroup + ", interval=" + interval + ", requestTimeout=" + requestTimeout
                + "]";
    }
}
