package dev.descent.api;

import dev.descent.engine.RecordingSpec;
import dev.descent.job.JobRequest;
import dev.descent.optimizer.OptimizerSpec;
import dev.descent.problem.ProblemSpec;
import dev.descent.schedule.ScheduleSpec;
import dev.descent.security.SecurityProperties;
import dev.descent.spec.Catalogue;
import dev.descent.spec.SpecTypes;
import dev.descent.stopping.StoppingSpec;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Discriminator;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document: front matter, and for every problem, optimizer and schedule type its
 * {@code type} name, description, reference, and each field's meaning and default, taken from the
 * same catalogue the API serves. With {@code descent.security.enabled}, a bearer security scheme
 * that every operation requires, so Swagger UI offers an Authorize button.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {
    /** The name of the security scheme in the document. */
    static final String BEARER = "bearer";

    @Bean
    OpenAPI descentOpenApi(SecurityProperties security) {
        OpenAPI api = new OpenAPI().info(new Info()
                .title("Descent")
                .version("v1")
                .description("Optimization as a service. Post a problem and an optimizer configuration; Descent runs "
                        + "it on a worker pool, keeps the job and its whole trajectory, and exports metrics. "
                        + "The catalogues under /api/v1/optimizers, /api/v1/problem-types and /api/v1/schedules list "
                        + "every type with its parameters, defaults and ranges. Errors are application/problem+json "
                        + "(RFC 9457) with field paths.")
                .license(new License().name("Apache-2.0")));
        if (security.enabled()) {
            api.components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                            .type(SecurityScheme.Type.HTTP).scheme("bearer")
                            .description("An API key minted by the operator (docs/security.md): "
                                    + "Authorization: Bearer <key>. Without a valid key every /api request is 401.")))
                    .addSecurityItem(new SecurityRequirement().addList(BEARER));
        }
        return api;
    }

    @Bean
    OpenApiCustomizer describeSpecTypes() {
        return openApi -> {
            if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) return;
            Map<String, Schema> schemas = openApi.getComponents().getSchemas();
            for (Class<?> base : List.of(ProblemSpec.class, OptimizerSpec.class, ScheduleSpec.class)) {
                Map<String, String> mapping = new LinkedHashMap<>();
                for (Map.Entry<String, Class<?>> e : SpecTypes.subtypes(base).entrySet()) {
                    String name = e.getValue().getSimpleName();
                    mapping.put(e.getKey(), "#/components/schemas/" + name);
                    describe(schemas.get(name), Catalogue.entry(e.getKey(), e.getValue(), null, null),
                            "`type: \"" + e.getKey() + "\"`. ");
                }
                Schema<?> baseSchema = schemas.get(base.getSimpleName());
                if (baseSchema != null) {
                    baseSchema.setDiscriminator(new Discriminator().propertyName("type").mapping(mapping));
                    Schema<?> type = properties(baseSchema).get("type");
                    if (type != null) type.setDescription("One of: " + String.join(", ", mapping.keySet()));
                }
            }
            for (Class<?> record : List.of(StoppingSpec.class, RecordingSpec.class, JobRequest.class)) {
                describe(schemas.get(record.getSimpleName()), Catalogue.entry("", record, null, null), "");
            }
        };
    }

    private static void describe(Schema<?> schema, Catalogue.Entry entry, String prefix) {
        if (schema == null) return;
        String text = prefix + (entry.description() == null ? "" : entry.description())
                + (entry.reference() == null ? "" : " Reference: " + entry.reference() + ".");
        schema.setDescription(text.trim());
        Map<String, Schema> properties = properties(schema);
        for (Catalogue.Parameter p : entry.parameters()) {
            Schema<?> property = properties.get(p.name());
            if (property == null) continue;
            if (p.description() != null) property.setDescription(p.description());
            if (p.defaultValue() != null) setDefault(property, p.defaultValue());
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void setDefault(Schema property, Object value) {
        property.setDefault(value);
    }

    /** The properties of a schema, whether inline or in the second part of an {@code allOf}. */
    @SuppressWarnings("rawtypes")
    private static Map<String, Schema> properties(Schema<?> schema) {
        Map<String, Schema> out = new LinkedHashMap<>();
        if (schema.getProperties() != null) out.putAll(schema.getProperties());
        if (schema.getAllOf() != null) {
            for (Schema<?> part : schema.getAllOf()) if (part.getProperties() != null) out.putAll(part.getProperties());
        }
        return out;
    }
}
