package dev.descent.api;

import dev.descent.optimizer.OptimizerSpec;
import dev.descent.problem.ProblemSpec;
import dev.descent.schedule.ScheduleSpec;
import dev.descent.spec.Catalogue;
import dev.descent.spec.SpecTypes;
import dev.descent.stopping.StoppingSpec;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the service offers, generated from the spec records the engine binds and runs, so the
 * catalogue cannot drift from what a job accepts.
 */
@RestController
@RequestMapping(value = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Catalogue", description = "Problem types, optimizers, schedules and stopping rules with their parameters")
class CatalogueController {
    private final List<Catalogue.Entry> optimizers;
    private final List<Catalogue.Entry> problemTypes;
    private final List<Catalogue.Entry> schedules;
    private final List<Catalogue.Parameter> stopping;

    CatalogueController() {
        Map<String, Class<?>> problems = SpecTypes.subtypes(ProblemSpec.class);
        List<Catalogue.Entry> o = new ArrayList<>();
        for (var e : SpecTypes.subtypes(OptimizerSpec.class).entrySet()) {
            List<String> accepted = problems.entrySet().stream()
                    .filter(p -> SpecTypes.compatible(e.getValue(), p.getValue())).map(Map.Entry::getKey).toList();
            o.add(Catalogue.entry(e.getKey(), e.getValue(), accepted, null));
        }
        List<Catalogue.Entry> p = new ArrayList<>();
        for (var e : problems.entrySet()) {
            List<String> capabilities = SpecTypes.provides(e.getValue()).stream()
                    .map(c -> c.name().toLowerCase().replace('_', '-')).toList();
            p.add(Catalogue.entry(e.getKey(), e.getValue(), null, capabilities));
        }
        this.optimizers = List.copyOf(o);
        this.problemTypes = List.copyOf(p);
        this.schedules = Catalogue.of(ScheduleSpec.class);
        this.stopping = Catalogue.parameters(StoppingSpec.class);
    }

    @Operation(summary = "Every optimizer with its parameters, defaults, ranges, accepted problem types and reference")
    @GetMapping("/optimizers")
    Map<String, Object> optimizers() {
        return Map.of("items", optimizers);
    }

    @Operation(summary = "Every problem type with its fields and capabilities")
    @GetMapping("/problem-types")
    Map<String, Object> problemTypes() {
        return Map.of("items", problemTypes);
    }

    @Operation(summary = "Every learning-rate schedule with its parameters and defaults")
    @GetMapping("/schedules")
    Map<String, Object> schedules() {
        return Map.of("items", schedules);
    }

    @Operation(summary = "The stopping rules with their defaults")
    @GetMapping("/stopping-rules")
    Map<String, Object> stoppingRules() {
        return Map.of("items", stopping);
    }
}
