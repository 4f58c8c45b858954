package dev.twinledger.queryside.config;

import dev.twinledger.support.security.ApiSecurity;
import dev.twinledger.support.security.RequiredRole;
import dev.twinledger.support.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every query needs the realm role viewer; roles above it (operator, platform-admin, auditor, ...) imply it. Access
 * queries need only a valid token: anyone may ask about their own access, and who may ask about others' is decided
 * per request from the grants ({@code access.QueryAuthorization}), not from realm roles. The audit record needs the
 * realm role auditor, and then {@code audit:read} on the question's scope ({@code audit.AuditGate}).
 * The inventory at a past instant ({@code /api/audit/snapshot/**}) is also open to platform admins; what each may
 * read there is decided per request from their {@code audit:read} grants.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, ApiSecurity apiSecurity) throws Exception {
        return apiSecurity.build(http, rules -> rules
                .requestMatchers("/api/access/**").authenticated()
                .requestMatchers("/api/audit/snapshot/**").access(RequiredRole.anyOf(Roles.AUDITOR,
                        Roles.PLATFORM_ADMIN))
                .requestMatchers("/api/audit/**").access(RequiredRole.of(Roles.AUDITOR))
                .requestMatchers("/api/**").access(RequiredRole.of(Roles.VIEWER)));
    }
}
