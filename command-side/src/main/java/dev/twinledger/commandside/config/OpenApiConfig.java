package dev.twinledger.commandside.config;

import dev.twinledger.commandside.command.RequestMetadata;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}): every call needs a bearer
 * JWT.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info = @Info(title = "Twinledger command API", version = "v1",
                description = "Registers and changes infrastructure. Every accepted command answers with the global"
                        + " position of the event it stored; errors are application/problem+json."),
        security = @SecurityRequirement(name = OpenApiConfig.BEARER_JWT))
@SecurityScheme(name = OpenApiConfig.BEARER_JWT, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = "An access token issued by the Twinledger Keycloak realm")
public class OpenApiConfig {

    static final String BEARER_JWT = "bearer-jwt";

    /** Every command endpoint reads the same optional headers (see {@link RequestMetadata}); document them once. */
    @Bean
    OperationCustomizer commandHeaders() {
        return (operation, handlerMethod) -> operation
                .addParametersItem(new HeaderParameter().name(RequestMetadata.REASON_HEADER).required(false)
                        .description("Why the change is made; recorded on the event")
                        .schema(new StringSchema().maxLength(RequestMetadata.MAX_REASON_LENGTH)))
                .addParametersItem(new HeaderParameter().name(RequestMetadata.TICKET_HEADER).required(false)
                        .description("The change ticket; recorded on the event")
                        .schema(new StringSchema().maxLength(RequestMetadata.MAX_TICKET_LENGTH)))
                .addParametersItem(new HeaderParameter().name("X-Correlation-Id").required(false)
                        .description("Ties the events of this request together; generated when absent or malformed")
                        .schema(new StringSchema().maxLength(128)));
    }
}
