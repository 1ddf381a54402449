package dev.descent.security;

import java.util.function.ToLongFunction;
import org.springframework.stereotype.Component;

/**
 * Per-client caps ({@code descent.security.quota.*}) on what a client holds at once: queued and
 * running jobs, and stored dataset bytes. The services count in the shared database, not here, so
 * the caps hold across nodes. Without a client (security off, or a worker outside any request)
 * nothing is capped.
 */
@Component
public class ClientQuotas {
    /** Seconds a client over its job cap is told to wait: jobs end at their own pace, so a guess. */
    static final long JOBS_RETRY_AFTER_SECONDS = 5;

    private final int maxActiveJobs;
    private final long maxDatasetBytes;

    public ClientQuotas(SecurityProperties properties) {
        this.maxActiveJobs = properties.quota().maxActiveJobs();
        this.maxDatasetBytes = properties.quota().maxDatasetStorage().toBytes();
    }

    /**
     * Throws when {@code client} holds more queued and running jobs than it may. Call it after the
     * new job is stored, with {@code active} counting it, so concurrent submissions on any node see
     * each other; the caller removes the new job when this throws.
     *
     * @throws QuotaExceededException 429
     */
    public void checkActiveJobs(String client, ToLongFunction<String> active) {
        if (client == null) return;
        long n = active.applyAsLong(client);
        if (n > maxActiveJobs) {
            throw new QuotaExceededException(QuotaExceededException.Kind.ACTIVE_JOBS, "Client '" + client + "' already has "
                    + (n - 1) + " queued or running jobs, the most it may have (descent.security.quota.max-active-jobs = "
                    + maxActiveJobs + "); retry once some have finished, or cancel some");
        }
    }

    /**
     * Throws when {@code client}, holding {@code storedBytes} of datasets, may not add {@code adding}
     * more. With {@code adding} 0 it checks whether the client has any room left at all.
     *
     * @throws QuotaExceededException 409
     */
    public void checkDatasetStorage(String client, long storedBytes, long adding) {
        if (client == null) return;
        if (adding == 0 ? storedBytes >= maxDatasetBytes : storedBytes + adding > maxDatasetBytes) {
            throw new QuotaExceededException(QuotaExceededException.Kind.DATASET_STORAGE, "Client '" + client
                    + "' stores " + storedBytes + " bytes of datasets" + (adding == 0 ? "" : "; this one needs " + adding
                    + " more") + ", and may store at most " + maxDatasetBytes
                    + " (descent.security.quota.max-dataset-storage); delete datasets it no longer needs");
        }
    }

    public static long jobsRetryAfterSeconds() {
        return JOBS_RETRY_AFTER_SECONDS;
    }
}
