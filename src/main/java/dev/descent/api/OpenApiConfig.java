package dev.descent.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's front matter; the schemas come from the request records. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    @Bean
    OpenAPI descentOpenApi() {
        return new OpenAPI().info(new Info()
                .title("Descent")
                .version("v1")
                .description("Optimization as a service. Post a problem and an optimizer configuration; Descent runs "
                        + "it on a worker pool, keeps the job and its whole trajectory, and exports metrics. "
                        + "The catalogues under /api/v1/optimizers, /api/v1/problem-types and /api/v1/schedules list "
                        + "every type with its parameters, defaults and ranges. Errors are application/problem+json "
                        + "(RFC 9457) with field paths.")
                .license(new License().name("Apache-2.0")));
    }
}
