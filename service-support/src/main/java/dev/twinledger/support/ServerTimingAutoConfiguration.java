package dev.twinledger.support;

import dev.twinledger.support.web.ServerTimingFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/** Registers the {@link ServerTimingFilter} on every request of a servlet service, ahead of every other filter. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ServerTimingAutoConfiguration {

    @Bean
    FilterRegistrationBean<ServerTimingFilter> serverTimingFilter() {
        FilterRegistrationBean<ServerTimingFilter> registration = new FilterRegistrationBean<>(new ServerTimingFilter());
        // First of all, before Spring Security, so the time includes token validation and authorization.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
