package dev.descent.api;

import dev.descent.job.Job;
import dev.descent.job.JobRepository.TrajectoryPage;
import dev.descent.job.JobRequest;
import dev.descent.job.JobService;
import dev.descent.job.JobStatus;
import dev.descent.job.TrajectoryPoint;
import dev.descent.spec.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Submit, inspect, list, cancel and delete jobs; read their trajectories as JSON or CSV. */
@RestController
@RequestMapping("/api/v1/jobs")
@Tag(name = "Jobs", description = "Optimization jobs and their trajectories")
class JobController {
    static final String CSV = "text/csv";
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");
    private static final int MAX_PAGE = 1000;
    private static final int MAX_TRAJECTORY_PAGE = 100_000;

    private final JobService jobs;
    private final JobEventHub events;

    JobController(JobService jobs, JobEventHub events) {
        this.jobs = jobs;
        this.events = events;
    }

    @Operation(summary = "Submit a job",
            description = "Validates the request and queues the job. Only `problem` is required; the view shows "
                    + "every setting in effect. The same `Idempotency-Key` with the same body returns the first job "
                    + "(200); with another body it is 409.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = JobRequest.class),
                    examples = {
                            @ExampleObject(name = "function: rosenbrock with adam", value = JobExamples.ROSENBROCK_ADAM),
                            @ExampleObject(name = "quadratic (dense) with momentum", value = JobExamples.QUADRATIC),
                            @ExampleObject(name = "quadratic (diagonal) with gd", value = JobExamples.DIAGONAL_QUADRATIC),
                            @ExampleObject(name = "linear least squares", value = JobExamples.LINEAR_LEAST_SQUARES),
                            @ExampleObject(name = "logistic regression", value = JobExamples.LOGISTIC_REGRESSION),
                            @ExampleObject(name = "function: himmelblau with lbfgs", value = JobExamples.HIMMELBLAU_LBFGS)})))
    @ApiResponse(responseCode = "202", description = "Accepted and queued")
    @ApiResponse(responseCode = "200", description = "Idempotent replay: the job this key created before")
    @ApiResponse(responseCode = "400", description = "Invalid request, or a memory estimate over descent.jobs.max-memory "
            + "(the answer carries estimatedBytes, budgetBytes and the parts)", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "Idempotency-Key reused with another body", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "413", description = "Body over the size limit", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "429", description = "Queue full, the client's queued and running jobs at their cap, or its "
            + "request rate over the limit; see Retry-After", content = @Content(mediaType = "application/problem+json"))
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<JobView> submit(@Valid @RequestBody JobRequest request,
                                   @Parameter(description = "Makes retries safe: same key and body, same job")
                                   @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw new InvalidRequestException("Idempotency-Key", "must be 1 to 200 visible ASCII characters");
        }
        JobService.Submission s = jobs.submit(request, idempotencyKey);
        return ResponseEntity.status(s.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .location(URI.create("/api/v1/jobs/" + s.job().id()))
                .body(JobView.of(s.job()));
    }

    @Operation(summary = "A job's status, progress and result")
    @GetMapping(value = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    JobView get(@PathVariable String id) {
        return JobView.of(jobs.get(id));
    }

    @Operation(summary = "List jobs, newest first",
            description = "Cursor paging: pass the previous page's `nextCursor` as `cursor`.")
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    JobPage list(@RequestParam(required = false) JobStatus status,
                 @Parameter(description = "1 to 1000") @RequestParam(defaultValue = "50") int limit,
                 @RequestParam(required = false) String cursor) {
        if (limit < 1 || limit > MAX_PAGE) throw new InvalidRequestException("limit", "must be between 1 and " + MAX_PAGE);
        if (cursor != null && cursor.isBlank()) cursor = null;
        List<Job> page = jobs.list(status, cursor, limit + 1);
        boolean more = page.size() > limit;
        List<JobView> items = page.stream().limit(limit).map(JobView::of).toList();
        return new JobPage(items, more ? items.get(items.size() - 1).id() : null);
    }

    @Operation(summary = "Recorded iterations",
            description = "Points with iteration > `after`, at most `limit`; or, with `maxPoints`, at most that many "
                    + "points spread over the whole run including the first and the last. `Accept: text/csv` gives "
                    + "the same rows as CSV (the next `after` in the `Descent-Next-After` header).")
    @GetMapping(value = "/{id}/trajectory", produces = MediaType.APPLICATION_JSON_VALUE)
    TrajectoryView trajectory(@PathVariable String id,
                              @RequestParam(defaultValue = "-1") long after,
                              @Parameter(description = "1 to 100000") @RequestParam(defaultValue = "1000") int limit,
                              @Parameter(description = "at least 2") @RequestParam(required = false) Integer maxPoints) {
        TrajectoryPage page = page(id, after, limit, maxPoints);
        List<TrajectoryPoint> points = page.points();
        Long next = page.more() ? points.get(points.size() - 1).iteration() : null;
        return new TrajectoryView(id, page.total(), points, next, page.thinned());
    }

    @GetMapping(value = "/{id}/trajectory", produces = CSV)
    ResponseEntity<String> trajectoryCsv(@PathVariable String id,
                                         @RequestParam(defaultValue = "-1") long after,
                                         @RequestParam(defaultValue = "1000") int limit,
                                         @RequestParam(required = false) Integer maxPoints) {
        TrajectoryPage page = page(id, after, limit, maxPoints);
        var response = ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"));
        if (page.more()) response.header("Descent-Next-After",
                Long.toString(page.points().get(page.points().size() - 1).iteration()));
        return response.body(TrajectoryCsv.write(page.points()));
    }

    private TrajectoryPage page(String id, long after, int limit, Integer maxPoints) {
        if (limit < 1 || limit > MAX_TRAJECTORY_PAGE) {
            throw new InvalidRequestException("limit", "must be between 1 and " + MAX_TRAJECTORY_PAGE);
        }
        if (maxPoints != null) {
            if (maxPoints < 2 || maxPoints > MAX_TRAJECTORY_PAGE) {
                throw new InvalidRequestException("maxPoints", "must be between 2 and " + MAX_TRAJECTORY_PAGE);
            }
            return jobs.trajectorySpread(id, maxPoints);
        }
        return jobs.trajectory(id, after, limit);
    }

    @Operation(summary = "Live progress as Server-Sent Events",
            description = "`event: iteration` (id = iteration, data = a trajectory point) at most about 20 a second, "
                    + "the newest winning; `event: status` (data = the job view) on every state change. The stream ends "
                    + "after the final status. `Last-Event-ID: k` resumes after iteration k.")
    @GetMapping(value = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable String id,
                      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        long after = -1;
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                after = Long.parseLong(lastEventId.trim());
            } catch (NumberFormatException e) {
                throw new InvalidRequestException("Last-Event-ID", "must be an iteration number");
            }
        }
        return events.open(jobs.get(id), after);
    }

    @Operation(summary = "Stop a queued or running job", description = "409 if it has already finished.")
    @PostMapping(value = "/{id}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<JobView> cancel(@PathVariable String id) {
        return ResponseEntity.accepted().body(JobView.of(jobs.cancel(id)));
    }

    @Operation(summary = "Forget a finished job and its trajectory", description = "409 while queued or running.")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        jobs.delete(id);
        return ResponseEntity.noContent().build();
    }
}
