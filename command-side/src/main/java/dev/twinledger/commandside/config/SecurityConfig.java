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
 * Who may send which command: registering sites, hosts and projects, changing a host's lifecycle (maintenance,
 * upgrade, temporary flag, decommissioning) and running upgrade campaigns need platform-admin; provisioning, changing
 * and decommissioning VMs and their migrations, volume commands and object-storage container commands (including replica status reports from the
 * storage monitoring) need operator (platform-admin implies operator through the shared role hierarchy), and so does
 * reading the alert deliveries. The Keycloak group sync's report and overwrite requests need access-admin. Everything
 * else needs a valid token; the shared chain answers 401 and 403 as
 * problem+json.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    @Bean
    SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, ApiSecurity api) throws Exception {
        return api.build(http, rules -> rules
                .requestMatchers("/api/access/keycloak-sync", "/api/access/keycloak-sync/**")
                .access(RequiredRole.of(Roles.ACCESS_ADMIN))
                .requestMatchers(HttpMethod.POST, "/api/sites", "/api/hosts", "/api/hosts/*/**")
                .access(RequiredRole.of(Roles.PLATFORM_ADMIN))
                .requestMatchers(HttpMethod.POST, "/api/vms", "/api/vms/*/**")
                .access(RequiredRole.of(Roles.OPERATOR))
                .requestMatchers(HttpMethod.PUT, "/api/vms/*/tags")
                .access(RequiredRole.of(Roles.OPERATOR))
                .requestMatchers(HttpMethod.POST, "/api/projects")
                .access(RequiredRole.of(Roles.PLATFORM_ADMIN))
                .requestMatchers(HttpMethod.POST, "/api/volumes", "/api/volumes/*/attach", "/api/volumes/*/detach",
                        "/api/volumes/*/delete", "/api/containers", "/api/containers/*/replicas/*/status")
                .access(RequiredRole.of(Roles.OPERATOR))
                .requestMatchers(HttpMethod.PUT, "/api/containers/*/replica-policy")
                .access(RequiredRole.of(Roles.OPERATOR))
                .requestMatchers(HttpMethod.GET, "/api/alert-deliveries")
                .access(RequiredRole.of(Roles.OPERATOR))
                .requestMatchers(HttpMethod.POST, "/api/campaigns", "/api/campaigns/*/start", "/api/campaigns/*/pause",
                        "/api/campaigns/*/resume")
                .access(RequiredRole.of(Roles.PLATFORM_ADMIN)));
    }
}
