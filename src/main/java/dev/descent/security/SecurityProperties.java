package dev.descent.security;

import jakarta.validation.constraints.Positive;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code descent.security.*}.
 *
 * @param enabled   whether every {@code /api/**} request needs {@code Authorization: Bearer <key>}
 * @param apiKeys   client name → SHA-256 (hex) of its key; {@link MintKey} makes a pair
 * @param rateLimit requests per second per client, with a burst of one second's worth
 */
@Validated
@ConfigurationProperties("descent.security")
public record SecurityProperties(@DefaultValue("false") boolean enabled,
                                 Map<String, String> apiKeys,
                                 @DefaultValue RateLimit rateLimit) {

    public SecurityProperties {
        apiKeys = apiKeys == null ? Map.of() : Map.copyOf(apiKeys);
    }

    /** @param requestsPerSecond sustained rate per client; as many may come at once after a quiet second */
    public record RateLimit(@Positive @DefaultValue("50") double requestsPerSecond) {}
}
