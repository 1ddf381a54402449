package dev.descent.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryJobRepositoryTest extends JobRepositoryContract {
    @Override
    JobRepository create(int maxTrajectoryPoints, int maxRetainedJobs) {
        return new InMemoryJobRepository(maxTrajectoryPoints, maxRetainedJobs);
    }

    @Test
    void beyondTheRetainedCountTheOldestFinishedJobsGoFirst() {
        repository = create(1000, 2);
        Job a = job(null, "a"), b = job(null, "b"), c = job(null, "c"), running = job(null, "d");
        List.of(a, b, running, c).forEach(repository::insert);
        running.start(Instant.now());
        for (Job j : List.of(a, b, c)) finish(j, Instant.now());
        assertThat(repository.find(a.id())).isEmpty();
        assertThat(repository.find(b.id())).isPresent();
        assertThat(repository.find(c.id())).isPresent();
        assertThat(repository.find(running.id())).isPresent();
    }
}
