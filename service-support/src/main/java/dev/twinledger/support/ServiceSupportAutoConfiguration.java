package dev.twinledger.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twinledger.support.security.ApiSecurity;
import dev.twinledger.support.security.DeniedAttemptRecorder;
import dev.twinledger.support.security.HeaderValues;
import dev.twinledger.support.security.LoggingDeniedAttemptRecorder;
import dev.twinledger.support.security.ProblemAccessDeniedHandler;
import dev.twinledger.support.security.ProblemAuthenticationEntryPoint;
import dev.twinledger.support.security.RealmRoleAuthenticationConverter;
import dev.twinledger.support.security.Roles;
import dev.twinledger.support.security.TokenDecoders;
import dev.twinledger.support.security.TwinledgerSecurityProperties;
import dev.twinledger.support.web.CorrelationIdFilter;
import dev.twinledger.support.web.ProblemDetailsAdvice;
import dev.twinledger.support.web.ProblemWriter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** Wires the shared web edge into a service: token decoding, role mapping, problem+json, correlation ids. */
@AutoConfiguration(before = {SecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class})
@EnableConfigurationProperties(TwinledgerSecurityProperties.class)
public class ServiceSupportAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder twinledgerJwtDecoder(TwinledgerSecurityProperties properties) {
        return TokenDecoders.forProperties(properties);
    }

    /**
     * No Micrometer observation per security filter, authentication and authorization: under load it wrapped every
     * filter of the chain in an observation scope (a quarter of the command side's samples) and its metrics are not
     * used. Requests are still timed as a whole ({@code http.server.requests}).
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings twinledgerSecurityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Spring Security's strict firewall with its defaults, except that header values are checked by
     * {@link HeaderValues} (same decisions, no regular expression per read of a header).
     */
    @Bean
    WebSecurityCustomizer twinledgerHttpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderValues(new HeaderValues());
        return web -> web.httpFirewall(firewall);
    }

    @Bean
    @ConditionalOnMissingBean
    RoleHierarchy twinledgerRoleHierarchy() {
        return Roles.hierarchy();
    }

    @Bean
    RealmRoleAuthenticationConverter realmRoleAuthenticationConverter(RoleHierarchy hierarchy) {
        return new RealmRoleAuthenticationConverter(hierarchy);
    }

    @Bean
    ProblemWriter problemWriter(ObjectMapper mapper) {
        return new ProblemWriter(mapper);
    }

    @Bean
    @ConditionalOnMissingBean
    DeniedAttemptRecorder deniedAttemptRecorder() {
        return new LoggingDeniedAttemptRecorder();
    }

    @Bean
    ProblemAuthenticationEntryPoint problemAuthenticationEntryPoint(ProblemWriter writer) {
        return new ProblemAuthenticationEntryPoint(writer);
    }

    @Bean
    ProblemAccessDeniedHandler problemAccessDeniedHandler(ProblemWriter writer, DeniedAttemptRecorder recorder) {
        return new ProblemAccessDeniedHandler(writer, recorder);
    }

    @Bean
    ApiSecurity apiSecurity(JwtDecoder decoder, RealmRoleAuthenticationConverter converter,
                            ProblemAuthenticationEntryPoint entryPoint, ProblemAccessDeniedHandler deniedHandler) {
        return new ApiSecurity(decoder, converter, entryPoint, deniedHandler);
    }

    @Bean
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    @Bean
    FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter() {
        FilterRegistrationBean<CorrelationIdFilter> registration = new FilterRegistrationBean<>(new CorrelationIdFilter());
        // Before Spring Security, so even a 401 carries the correlation id.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
