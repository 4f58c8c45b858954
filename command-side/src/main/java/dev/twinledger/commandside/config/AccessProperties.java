package dev.twinledger.commandside.config;

import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The access directory's first start ({@code twinledger.access.*}). Read once, when the directory does not exist yet;
 * later changes of either key do nothing (grant and define roles through the API instead).
 *
 * @param bootstrapAdmins Keycloak usernames who receive {@code access-admin} everywhere at first start, so that an
 *                        empty system can be set up; name two, so that one can approve the other's privileged grants
 * @param privilegedRoles the roles whose grants need a second person's approval
 */
@ConfigurationProperties("twinledger.access")
public record AccessProperties(
        @DefaultValue List<String> bootstrapAdmins,
        @DefaultValue({"access-admin", "platform-admin"}) Set<String> privilegedRoles) {
}
