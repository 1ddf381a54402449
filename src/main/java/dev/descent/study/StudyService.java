package dev.descent.study;

import dev.descent.job.Job;
import dev.descent.job.JobRequest;
import dev.descent.job.JobService;
import dev.descent.job.QueueFullException;
import dev.descent.security.Client;
import dev.descent.spec.FieldViolation;
import dev.descent.spec.InvalidRequestException;
import dev.descent.spec.SpecTypes;
import dev.descent.spec.Violations;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creates studies: expands a sweep into runs, validates every run as the job it will be (all
 * before any is submitted, so a bad run submits nothing), then submits them through the normal
 * job queue. Studies are kept in memory, the newest {@link #MAX_STUDIES}. A study and its jobs
 * belong to the {@link Client} that created it; to others it does not exist.
 */
@Service
public class StudyService {
    static final int MAX_STUDIES = 10_000;
    private static final Set<String> SWEEPABLE = Set.of("optimizer", "schedule", "stopping", "recording", "seed",
            "initialPoint");

    private final JobService jobs;
    private final JsonMapper json;
    private final Validator validator;
    private final Map<String, Study> studies = new LinkedHashMap<>();

    public StudyService(JobService jobs, JsonMapper json, Validator validator) {
        this.jobs = jobs;
        this.json = json;
        this.validator = validator;
    }

    public Study create(StudyRequest request) {
        Violations v = new Violations();
        List<RunSpec> runs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        boolean listed = request.runs() != null && !request.runs().isEmpty();
        if (listed && (request.sweep() != null || request.base() != null)) {
            v.add("sweep", "give either runs, or base and sweep, not both");
        } else if (listed) {
            for (int i = 0; i < request.runs().size(); i++) {
                RunSpec run = request.runs().get(i);
                runs.add(run);
                names.add(run.name() != null ? run.name() : "run " + (i + 1));
            }
        } else if (request.sweep() != null) {
            expand(request.base(), request.sweep(), runs, names, v);
        } else {
            v.add("runs", "give runs, or base and sweep");
        }
        v.throwIfAny();

        List<JobRequest> requests = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            RunSpec run = runs.get(i);
            String path = listed ? "runs[" + i + "]" : "sweep.values[" + i + "]";
            JobRequest job = new JobRequest(names.get(i), request.problem(), run.optimizer(), run.schedule(),
                    run.stopping(), run.initialPoint(), run.seed() != null ? run.seed() : request.seed(),
                    run.recording(), false);
            for (ConstraintViolation<JobRequest> c : validator.validate(job)) {
                v.add(prefixed(path, c.getPropertyPath().toString()), c.getMessage());
            }
            try {
                jobs.validate(job);
            } catch (InvalidRequestException e) {
                for (FieldViolation f : e.violations()) v.add(prefixed(path, f.field()), f.message());
            }
            requests.add(job);
        }
        v.throwIfAny();

        List<Study.Run> submitted = new ArrayList<>();
        try {
            for (JobRequest job : requests) submitted.add(new Study.Run(job.name(), jobs.submit(job, null).job().id()));
        } catch (QueueFullException | dev.descent.security.QuotaExceededException e) {
            for (Study.Run run : submitted) jobs.cancel(run.jobId());
            throw e;
        }
        Study study = new Study(UUID.randomUUID().toString(), request.name(), SpecTypes.nameOf(request.problem()),
                Instant.now(), List.copyOf(submitted), Client.current());
        synchronized (studies) {
            studies.put(study.id(), study);
            if (studies.size() > MAX_STUDIES) studies.remove(studies.keySet().iterator().next());
        }
        return study;
    }

    public Study get(String id) {
        synchronized (studies) {
            Study s = studies.get(id);
            if (s == null || !Client.mayAccess(s.owner())) throw new StudyNotFoundException(id);
            return s;
        }
    }

    /** The jobs of a study that still exist, by run. */
    public Map<Study.Run, Job> jobs(Study study) {
        Map<Study.Run, Job> out = new LinkedHashMap<>();
        for (Study.Run run : study.runs()) {
            try {
                out.put(run, jobs.get(run.jobId()));
            } catch (RuntimeException deleted) {
                out.put(run, null);
            }
        }
        return out;
    }

    private void expand(RunSpec base, SweepSpec sweep, List<RunSpec> runs, List<String> names, Violations v) {
        String[] path = sweep.parameter().split("\\.");
        if (!SWEEPABLE.contains(path[0])) {
            v.add("sweep.parameter", "must start with one of " + String.join(", ", SWEEPABLE.stream().sorted().toList()));
            return;
        }
        JsonNode template = json.valueToTree(base != null ? base : new RunSpec(null, null, null, null, null, null, null));
        for (int i = 0; i < sweep.values().size(); i++) {
            Object value = sweep.values().get(i);
            ObjectNode tree = (ObjectNode) template.deepCopy();
            ObjectNode node = tree;
            for (int p = 0; p + 1 < path.length; p++) {
                JsonNode child = node.get(path[p]);
                if (child == null || !child.isObject()) {
                    child = node.putObject(path[p]);
                }
                node = (ObjectNode) child;
            }
            node.set(path[path.length - 1], json.valueToTree(value));
            try {
                runs.add(json.treeToValue(tree, RunSpec.class));
                String label = sweep.parameter() + "=" + value;
                names.add(base != null && base.name() != null ? base.name() + " " + label : label);
            } catch (JacksonException e) {
                v.add("sweep.values[" + i + "]", "cannot set " + sweep.parameter() + " to " + value + ": "
                        + e.getOriginalMessage().replaceAll("\\(.*", "").trim());
            }
        }
    }

    private static String prefixed(String run, String field) {
        return field.startsWith("problem") ? field : run + (field.isEmpty() ? "" : "." + field);
    }
}
