package dev.descent.api;

import dev.descent.job.Job;
import dev.descent.job.JobService;
import dev.descent.job.TrajectoryPoint;
import dev.descent.plot.ContourPlot;
import dev.descent.plot.LinePlot;
import dev.descent.problem.Problem;
import dev.descent.problem.Problems;
import dev.descent.spec.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** SVG pictures of a job: its loss or gradient-norm curve, or for two variables a contour map with its path. */
@RestController
@Tag(name = "Jobs")
class PlotController {
    static final MediaType SVG = MediaType.parseMediaType("image/svg+xml");
    private final JobService jobs;
    private final Problems problems;

    PlotController(JobService jobs, Problems problems) {
        this.jobs = jobs;
        this.problems = problems;
    }

    @Operation(summary = "A picture of the run",
            description = "`loss` and `gradient-norm` draw the recorded curve (log scale when it spans decades); "
                    + "`contour` draws level sets of a 2-variable objective and the optimizer's path (record points "
                    + "with `recording.includePoint` to see the whole path).")
    @GetMapping(value = "/api/v1/jobs/{id}/plot.svg", produces = "image/svg+xml")
    ResponseEntity<String> plot(@PathVariable String id,
                                @Parameter(description = "loss, gradient-norm or contour")
                                @RequestParam(defaultValue = "loss") String kind,
                                @Parameter(description = "points drawn at most, 2 to 10000")
                                @RequestParam(defaultValue = "2000") int maxPoints) {
        if (maxPoints < 2 || maxPoints > 10_000) throw new InvalidRequestException("maxPoints", "must be between 2 and 10000");
        Job job = jobs.get(id);
        String name = job.request().name() != null ? job.request().name() : job.problemType() + " with " + job.optimizerType();
        List<TrajectoryPoint> points = jobs.trajectorySpread(id, maxPoints).points();
        String svg = switch (kind) {
            case "loss", "gradient-norm" -> {
                boolean loss = kind.equals("loss");
                double[] x = new double[points.size()], y = new double[points.size()];
                for (int i = 0; i < x.length; i++) {
                    TrajectoryPoint p = points.get(i);
                    x[i] = p.iteration();
                    Double v = loss ? p.loss() : p.gradientNorm();
                    y[i] = v == null ? Double.NaN : v;
                }
                yield LinePlot.render(name, "iteration", loss ? "loss" : "gradient norm",
                        List.of(new LinePlot.Series(name, x, y)));
            }
            case "contour" -> contour(job, name, points, problems);
            default -> throw new InvalidRequestException("kind", "must be one of loss, gradient-norm, contour");
        };
        return ResponseEntity.ok().contentType(SVG).body(svg);
    }

    private static String contour(Job job, String name, List<TrajectoryPoint> points, Problems problems) {
        if (job.dimension() != 2) {
            throw new InvalidRequestException("kind", "contour needs a problem of 2 variables; this one has " + job.dimension());
        }
        double[][] path = points.stream().filter(p -> p.x() != null).map(TrajectoryPoint::x).toArray(double[][]::new);
        Problem problem = problems.create(job.request().problem());
        double[] start = job.request().initialPoint() != null ? job.request().initialPoint() : problem.defaultStart();
        double[] end = job.result() != null && job.result().x() != null ? job.result().x() : start;
        double[] marks = {start[0], start[1], end[0], end[1]};
        if (path.length == 0) path = new double[][] {start, end};
        return ContourPlot.render(name, problem::value, path, marks);
    }
}
