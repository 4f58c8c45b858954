package dev.twinledger.commandside.config;

import dev.twinledger.api.ResourceIds;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Service-wide settings ({@code twinledger.*}; the {@code security} and {@code kafka} subtrees are bound separately).
 *
 * @param siteId the site whose command side this is, recorded on every event as the handling site; a resource id
 */
@Validated
@ConfigurationProperties("twinledger")
public record TwinledgerProperties(
        @DefaultValue("dc1") @Pattern(regexp = ResourceIds.REGEX) String siteId) {
}
