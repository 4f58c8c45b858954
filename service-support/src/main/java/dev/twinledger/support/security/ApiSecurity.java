package dev.twinledger.support.security;

import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Builds a service's filter chain the same way in both services: stateless bearer-token authentication, the
 * service's own per-endpoint rules, and everything else authenticated. The OpenAPI document and Swagger UI are
 * open (they describe the API, hold no data); actuator endpoints are open because they are served on the separate
 * management port, which is not exposed to API users.
 */
public final class ApiSecurity {

    private final JwtDecoder decoder;
    private final RealmRoleAuthenticationConverter converter;
    private final ProblemAuthenticationEntryPoint entryPoint;
    private final ProblemAccessDeniedHandler deniedHandler;

    public ApiSecurity(JwtDecoder decoder, RealmRoleAuthenticationConverter converter,
                       ProblemAuthenticationEntryPoint entryPoint, ProblemAccessDeniedHandler deniedHandler) {
        this.decoder = decoder;
        this.converter = converter;
        this.entryPoint = entryPoint;
        this.deniedHandler = deniedHandler;
    }

    /** The chain with {@code rules} applied before the final "any other request must be authenticated". */
    public SecurityFilterChain build(HttpSecurity http,
            Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> rules)
            throws Exception {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(authorize -> {
                    authorize.requestMatchers(EndpointRequest.toAnyEndpoint()).permitAll();
                    authorize.requestMatchers("/v3/api-docs/**", "/v3/api-docs", "/swagger-ui/**",
                            "/swagger-ui.html", "/error").permitAll();
                    rules.customize(authorize);
                    authorize.anyRequest().authenticated();
                })
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(deniedHandler))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(deniedHandler))
                .build();
    }
}
