package dev.descent.study;

import java.time.Instant;
import java.util.List;

/** A created study: its runs, each the id of the job that runs it, and the API client it belongs to (or null). */
public record Study(String id, String name, String problemType, Instant createdAt, List<Run> runs, String owner) {

    /** One run of the study and its job. */
    public record Run(String name, String jobId) {}
}
