package dev.descent.dataset;

import dev.descent.job.Job;
import dev.descent.job.JobService;
import dev.descent.job.JobStatus;
import dev.descent.problem.LinearLeastSquaresSpec;
import dev.descent.problem.LogisticRegressionSpec;
import dev.descent.problem.ProblemSpec;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * {@link DatasetUsage} read from the job service: the queued jobs are scanned before the running
 * ones, so a job that starts during the scan is still seen. A job submitted after the scan finds
 * the dataset gone and fails with "no dataset".
 */
@Component
class JobDatasetUsage implements DatasetUsage {
    private static final int PAGE = 500;
    private final ObjectProvider<JobService> jobs;

    JobDatasetUsage(ObjectProvider<JobService> jobs) {
        this.jobs = jobs;
    }

    @Override
    public boolean inUse(String datasetId) {
        JobService service = jobs.getIfAvailable();
        if (service == null) return false;
        for (JobStatus status : List.of(JobStatus.QUEUED, JobStatus.RUNNING)) {
            String cursor = null;
            while (true) {
                List<Job> page = service.list(status, cursor, PAGE);
                for (Job job : page) if (uses(job.request().problem(), datasetId)) return true;
                if (page.size() < PAGE) break;
                cursor = page.get(page.size() - 1).id();
            }
        }
        return false;
    }

    static boolean uses(ProblemSpec problem, String datasetId) {
        if (problem instanceof LogisticRegressionSpec l) return datasetId.equals(l.dataset());
        if (problem instanceof LinearLeastSquaresSpec l) return datasetId.equals(l.dataset());
        return false;
    }
}
