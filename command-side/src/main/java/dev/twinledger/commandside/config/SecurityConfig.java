package dev.twinledger.commandside.config;

import dev.twinledger.support.security.ApiSecurity;
import dev.twinledger.support.security.RequiredRole;
import dev.twinledger.support.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may send which command: registering sites and hosts and running upgrade campaigns needs platform-admin,
 * provisioning and decommissioning VMs needs operator (platform-admin implies operator through the shared role hierarchy). Everything else needs a valid
 * token; the shared chain answers 401 and 403 as problem+json.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    @Bean
    SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, ApiSecurity api) throws Exception {
        return api.build(http, rules -> rules
                .requestMatchers(HttpMethod.POST, "/api/sites", "/api/hosts")
                .access(RequiredRole.of(Roles.PLATFORM_ADMIN))
                .requestMatchers(HttpMethod.POST, "/api/campaigns", "/api/campaigns/*/start", "/api/campaigns/*/pause",
                        "/api/campaigns/*/resume")
                .access(RequiredRole.of(Roles.PLATFORM_ADMIN))
                .requestMatchers(HttpMethod.POST, "/api/vms", "/api/vms/*/decommission")
                .access(RequiredRole.of(Roles.OPERATOR)));
    }
}
