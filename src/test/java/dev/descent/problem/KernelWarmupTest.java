package dev.descent.problem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.DescentApplication;
import dev.descent.linalg.KernelPool;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** The data kernels' warm-up: what it computes, and that the service starts it only when asked to. */
@ExtendWith(OutputCaptureExtension.class)
class KernelWarmupTest {
    private static final String THREAD = "descent-kernel-warm-up";

    @TempDir
    Path dir;

    @Test
    void aRoundIsFiniteAndTheSameEveryTime() {
        try (KernelPool split = new KernelPool(2, 0)) {
            KernelWarmup one = new KernelWarmup(split), other = new KernelWarmup(split);
            double first = one.round();
            assertThat(first).isFinite().isPositive();
            assertThat(one.round()).as("the points do not move between rounds").isEqualTo(first);
            assertThat(other.round()).as("the data come from a fixed seed").isEqualTo(first);
        }
    }

    private ConfigurableApplicationContext start(String warmUp) {
        return new SpringApplicationBuilder(DescentApplication.class).run("--server.port=0",
                "--descent.data-dir=" + dir, "--descent.kernels.warm-up=" + warmUp);
    }

    private static boolean warmUpThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(THREAD));
    }

    @Test
    void theServiceWarmsTheKernelsUpOnceItIsReady(CapturedOutput output) {
        try (ConfigurableApplicationContext context = start("true")) {
            Awaitility.await().atMost(Duration.ofMinutes(1))
                    .until(() -> output.getOut().contains("Data kernels warmed up in"));
            assertThat(output.getOut()).contains("(" + KernelWarmup.ROUNDS + " rounds, vector kernels)");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !warmUpThreadAlive());
        }
    }

    @Test
    void withTheWarmUpOffNoThreadStarts(CapturedOutput output) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !warmUpThreadAlive());
        try (ConfigurableApplicationContext context = start("false")) {
            // The listener runs before the application's start returns: a thread would exist by now.
            assertThat(warmUpThreadAlive()).isFalse();
            assertThat(output.getOut()).doesNotContain("Data kernels warmed up");
        }
    }
}
