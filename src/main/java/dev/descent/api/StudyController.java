package dev.descent.api;

import dev.descent.job.Job;
import dev.descent.job.JobService;
import dev.descent.job.TrajectoryPoint;
import dev.descent.plot.LinePlot;
import dev.descent.study.Study;
import dev.descent.study.StudyRequest;
import dev.descent.study.StudyService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Studies: several runs on one problem, compared in a table and one overlaid loss plot. */
@RestController
@RequestMapping("/api/v1/studies")
@Tag(name = "Studies", description = "Compare optimizers, schedules or a swept parameter on one problem")
class StudyController {
    static final String SWEEP_EXAMPLE = """
            {"name": "learning rates for gd", "problem": {"type": "quadratic", "diagonal": [1, 10], "b": [1, 1]},
             "base": {"optimizer": {"type": "gd"}, "stopping": {"maxIterations": 200}},
             "sweep": {"parameter": "optimizer.learningRate", "values": [0.01, 0.05, 0.1, 0.19, 0.21]}}""";
    static final String RUNS_EXAMPLE = """
            {"name": "optimizers on rosenbrock", "problem": {"type": "function", "name": "rosenbrock"},
             "runs": [{"name": "gd", "optimizer": {"type": "gd", "learningRate": 0.001}},
                      {"name": "momentum", "optimizer": {"type": "momentum", "learningRate": 0.001, "momentum": 0.9}},
                      {"name": "adam", "optimizer": {"type": "adam", "learningRate": 0.02}},
                      {"name": "lbfgs", "optimizer": {"type": "lbfgs"}}]}""";

    private final StudyService studies;
    private final JobService jobs;

    StudyController(StudyService studies, JobService jobs) {
        this.studies = studies;
        this.jobs = jobs;
    }

    @Operation(summary = "Create a study", description = "Either `runs`, or `base` and `sweep`. Every run is checked "
            + "as the job it becomes before any is submitted; the runs then go through the normal job queue.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = StudyRequest.class),
                    examples = {@ExampleObject(name = "optimizers side by side", value = RUNS_EXAMPLE),
                            @ExampleObject(name = "learning-rate sweep", value = SWEEP_EXAMPLE)})))
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<StudyView> create(@Valid @RequestBody StudyRequest request) {
        Study study = studies.create(request);
        return ResponseEntity.status(201).location(URI.create("/api/v1/studies/" + study.id()))
                .body(StudyView.of(study, studies.jobs(study)));
    }

    @Operation(summary = "A study's runs with status and outcome, and the best run")
    @GetMapping(value = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    StudyView get(@PathVariable String id) {
        Study study = studies.get(id);
        return StudyView.of(study, studies.jobs(study));
    }

    @Operation(summary = "The loss curves of all runs in one picture")
    @GetMapping(value = "/{id}/plot.svg", produces = "image/svg+xml")
    ResponseEntity<String> plot(@PathVariable String id) {
        Study study = studies.get(id);
        List<LinePlot.Series> series = new ArrayList<>();
        for (Map.Entry<Study.Run, Job> e : studies.jobs(study).entrySet()) {
            if (e.getValue() == null) continue;
            List<TrajectoryPoint> points = jobs.trajectorySpread(e.getValue().id(), 1000).points();
            double[] x = new double[points.size()], y = new double[points.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = points.get(i).iteration();
                y[i] = points.get(i).loss() == null ? Double.NaN : points.get(i).loss();
            }
            series.add(new LinePlot.Series(e.getKey().name(), x, y));
        }
        String title = study.name() != null ? study.name() : "study " + study.id();
        return ResponseEntity.ok().contentType(PlotController.SVG).body(LinePlot.render(title, "iteration", "loss", series));
    }
}
