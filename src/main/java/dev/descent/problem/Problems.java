package dev.descent.problem;

import dev.descent.linalg.KernelPool;
import dev.descent.spec.InvalidRequestException;
import dev.descent.spec.Limits;
import dev.descent.spec.Violations;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The one place the service checks and builds problems from their specs. Problems whose data lives
 * outside the request (uploaded datasets) are resolved here, so jobs, plots and the problem tools
 * all see the same problem.
 *
 * <p>{@link ProblemSpec#dimension()} of a dataset problem depends on the dataset, yet a spec is a
 * plain request record; so the data sources of every live application context are also listed in
 * a process-wide registry that specs consult by dataset id (ids are random, so contexts that run
 * side by side in tests never see each other's datasets by accident).
 */
@Component
public class Problems {
    private static final List<DataSource> SOURCES = new CopyOnWriteArrayList<>();

    private final Limits limits;
    private final List<DataSource> sources;
    private final KernelPool pool;

    @Autowired
    public Problems(Limits limits, List<DataSource> sources, ObjectProvider<KernelPool> pool) {
        this.limits = limits;
        this.sources = List.copyOf(sources);
        this.pool = pool.getIfAvailable(() -> KernelPool.SEQUENTIAL);
        SOURCES.addAll(this.sources);
    }

    /** Without datasets or kernel threads (for code and tests that run outside Spring). */
    public Problems(Limits limits) {
        this(limits, List.of(), new ObjectProvider<>() {
            @Override
            public KernelPool getObject() {
                return KernelPool.SEQUENTIAL;
            }
        });
    }

    @PreDestroy
    void close() {
        SOURCES.removeAll(sources);
    }

    /** Adds every violation of the spec, with paths under {@code violations}' prefix. */
    public void check(ProblemSpec spec, Violations violations) {
        spec.check(violations, limits);
        if (spec instanceof NonlinearLeastSquaresSpec n && n.dataset() != null && violations.isEmpty()) {
            ready(n.dataset(), violations).ifPresent(t -> {
                n.checkColumns(t, violations);
                // The fit as it will run: observation counts, parameters against observations, limits.
                if (violations.isEmpty()) n.resolve(t).check(violations, limits);
            });
        } else if (spec instanceof LogisticRegressionSpec l && l.dataset() != null) {
            ready(l.dataset(), violations).ifPresent(t -> l.checkData(t, violations, limits));
        } else if (spec instanceof LinearLeastSquaresSpec l && l.dataset() != null) {
            ready(l.dataset(), violations).ifPresent(t -> l.checkData(t, violations, limits));
        }
    }

    /** Builds a problem whose spec passed {@link #check}. */
    public Problem create(ProblemSpec spec) {
        if (spec instanceof LogisticRegressionSpec l) return l.create(l.dataset() == null ? null : required(l.dataset()), pool);
        if (spec instanceof LinearLeastSquaresSpec l) return l.create(l.dataset() == null ? null : required(l.dataset()), pool);
        return spec.create();
    }

    private Optional<DataTable> ready(String id, Violations v) {
        Optional<DataTable> table = table(id);
        if (table.isEmpty()) {
            v.add("dataset", "no dataset '" + id + "'");
            return Optional.empty();
        }
        if (!table.get().ready()) {
            v.add("dataset", "dataset '" + id + "' is " + table.get().status() + "; it can be used once it is READY");
            return Optional.empty();
        }
        return table;
    }

    /** The ready dataset a spec names, if it names one (for the memory estimate at submission). */
    public Optional<DataTable> dataset(ProblemSpec spec) {
        String id = spec instanceof LogisticRegressionSpec l ? l.dataset()
                : spec instanceof LinearLeastSquaresSpec l ? l.dataset()
                : spec instanceof NonlinearLeastSquaresSpec l ? l.dataset() : null;
        return id == null ? Optional.empty() : table(id).filter(DataTable::ready);
    }

    /** The dataset a checked spec names; a 400 on problem.dataset if it has gone since. */
    static DataTable required(String id) {
        return table(id).filter(DataTable::ready).orElseThrow(
                () -> new InvalidRequestException("problem.dataset", "no dataset '" + id + "'"));
    }

    static Optional<DataTable> table(String id) {
        for (DataSource source : SOURCES) {
            Optional<DataTable> t = source.find(id);
            if (t.isPresent()) return t;
        }
        return Optional.empty();
    }
}
