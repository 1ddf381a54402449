package dev.descent.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.DescentApplication;
import dev.descent.api.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The service started as an operator starts it, once with security off and once on: what its
 * start-up log says, and whether the OpenAPI document declares the bearer scheme.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecurityStartupTest {
    static final String OPEN = "API security is off (descent.security.enabled=false): the API is open";

    static ConfigurableApplicationContext start(String... properties) {
        String[] args = new String[properties.length + 1];
        args[0] = "--server.port=0";
        for (int i = 0; i < properties.length; i++) args[i + 1] = "--" + properties[i];
        return new SpringApplicationBuilder(DescentApplication.class).run(args);
    }

    static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Test
    void withSecurityOffTheLogSaysTheApiIsOpenAndTheDocumentHasNoSecurityScheme(CapturedOutput output) {
        try (ConfigurableApplicationContext context = start("descent.security.enabled=false")) {
            assertThat(output.getOut()).contains(OPEN).contains("WARN");
            Api api = new Api(port(context));
            assertThat(api.get("/api/v1/jobs").status()).isEqualTo(200);
            JsonNode doc = api.get("/v3/api-docs").json();
            assertThat(doc.path("components").path("securitySchemes").isMissingNode()
                    || doc.path("components").path("securitySchemes").isEmpty()).isTrue();
            assertThat(doc.path("security").isMissingNode() || doc.path("security").isEmpty()).isTrue();
        }
    }

    @Test
    void withSecurityOnTheLogNamesTheClientsAndTheDocumentRequiresABearerKey(CapturedOutput output) {
        try (ConfigurableApplicationContext context = start("descent.security.enabled=true",
                "descent.security.api-keys.alice=" + MintKey.sha256(Keys.ALICE),
                "descent.security.api-keys.bob=" + MintKey.sha256(Keys.BOB))) {
            assertThat(output.getOut()).doesNotContain(OPEN).contains("API security is on for 2 clients: alice, bob");
            Api anonymous = new Api(port(context));
            assertThat(anonymous.get("/api/v1/jobs").status()).isEqualTo(401);
            Api.Response docs = anonymous.get("/v3/api-docs");
            assertThat(docs.status()).as("the document stays public").isEqualTo(200);
            JsonNode scheme = docs.json().path("components").path("securitySchemes").path("bearer");
            assertThat(scheme.path("type").asString()).isEqualTo("http");
            assertThat(scheme.path("scheme").asString()).isEqualTo("bearer");
            JsonNode security = docs.json().path("security");
            assertThat(security.isArray()).isTrue();
            assertThat(security.get(0).has("bearer")).isTrue();
            assertThat(docs.json().path("paths").has("/api/v1/jobs")).as("the operations are still documented").isTrue();
        }
    }
}
