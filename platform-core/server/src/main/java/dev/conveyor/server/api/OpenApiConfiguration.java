package dev.conveyor.server.api;

import dev.conveyor.engine.ConveyorEngine;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document: its description, its one security scheme (an API key as a bearer token), and each installed
 * plugin's routes with the JSON Schemas of their messages, items and records ({@link PluginDocs}).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenApiCustomizer pluginRoutes(ConveyorEngine engine) {
        PluginDocs docs = new PluginDocs();
        return openApi -> docs.addTo(openApi, engine.plugins());
    }

    @Bean
    OpenAPI conveyorOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Conveyor API")
                        .version("v1")
                        .description("""
                                Multi-tenant business workflows on Azure Storage Queues. Platform admins manage tenants, \
                                plugins' topologies and API keys; tenants send messages (POST /api/v1/tenants/{tenant}/{resource}) \
                                and read their records (GET /api/v1/tenants/{tenant}/{resource}/{key}). Every endpoint but \
                                health and these docs needs 'Authorization: Bearer <API key>'. Errors are RFC 9457 problem \
                                details. Updates of tenants and topologies need If-Match with the ETag of the last read."""))
                .components(new Components().addSecuritySchemes("apiKey", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("cvk_<id>_<secret>")))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }
}
