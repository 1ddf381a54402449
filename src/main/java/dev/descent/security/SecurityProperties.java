package dev.descent.security;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code descent.security.*}.
 *
 * @param enabled   whether every {@code /api/**} request needs {@code Authorization: Bearer <key>}
 * @param apiKeys   client name → SHA-256 (hex) of its key; {@link MintKey} makes a pair
 * @param rateLimit requests per second per client, and per remote address for requests without a valid key
 * @param quota     what one client may hold at once: unfinished jobs and stored datasets
 */
@Validated
@ConfigurationProperties("descent.security")
public record SecurityProperties(@DefaultValue("false") boolean enabled,
                                 Map<String, String> apiKeys,
                                 @DefaultValue RateLimit rateLimit,
                                 @DefaultValue Quota quota) {

    public SecurityProperties {
        apiKeys = apiKeys == null ? Map.of() : Map.copyOf(apiKeys);
    }

    /**
     * @param requestsPerSecond                sustained rate per client; as many may come at once after a quiet second
     * @param unauthenticatedRequestsPerSecond sustained rate per remote address of requests without a valid key
     *                                         (missing or wrong), alike with a burst of one second's worth
     */
    public record RateLimit(@Positive @DefaultValue("50") double requestsPerSecond,
                            @Positive @DefaultValue("10") double unauthenticatedRequestsPerSecond) {}

    /**
     * Per-client caps, counted in the shared database so they hold across nodes; they apply only with
     * security on (without it there are no clients).
     *
     * @param maxActiveJobs      queued and running jobs one client may have at once; a submission past it is 429
     * @param maxDatasetStorage  stored dataset bytes (the compact binary files, {@code sizeBytes}) one client may
     *                           hold; an upload that would pass it is 409
     */
    public record Quota(@Min(1) @DefaultValue("1000") int maxActiveJobs,
                        @DefaultValue("10GB") DataSize maxDatasetStorage) {}
}
