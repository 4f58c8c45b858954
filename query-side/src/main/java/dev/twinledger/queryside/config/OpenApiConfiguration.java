package dev.twinledger.queryside.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document ({@code /v3/api-docs}) and Swagger UI ({@code /swagger-ui.html}) with a bearer-JWT scheme. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static final String BEARER_SCHEME = "bearer-jwt";

    @Bean
    OpenAPI queryApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Twinledger query API")
                        .version("v1")
                        .description("""
                                Read models of the inventory, capacity, alerts, migrations, upgrade campaigns, \
                                every resource's history and who can do what (now or at any past instant), \
                                answered from this site's read database. Every endpoint needs a Keycloak access \
                                token with realm role viewer (or a role that implies it), except /api/access/**, \
                                which needs only a valid token: anyone may ask about their own access, and about \
                                others' with audit:read or grant:create. Pass minPosition (the global position \
                                from a command response) to wait until the read model has applied that event: \
                                read-your-writes on demand."""))
                .components(new Components().addSecuritySchemes(BEARER_SCHEME, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")
                        .description("Access token issued by the Twinledger Keycloak realm")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER_SCHEME));
    }
}
