package dev.descent.job;

class InMemoryJobRepositoryTest extends JobRepositoryContract {
    @Override
    JobRepository create(int maxTrajectoryPoints, int maxRetainedJobs) {
        return new InMemoryJobRepository(maxTrajectoryPoints, maxRetainedJobs);
    }
}
