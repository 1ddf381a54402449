package dev.descent.optimizer;

import java.io.Serial;
import java.io.Serializable;
import java.util.random.RandomGenerator;

/**
 * SplitMix64 (Steele, Lea & Flood 2014): a small seeded generator whose whole state is one long,
 * so a run's random choices continue exactly after its state is saved in a checkpoint and restored.
 */
final class SeededRandom implements RandomGenerator, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final long GAMMA = 0x9E3779B97F4A7C15L;
    private long state;

    SeededRandom(long seed) {
        this.state = seed;
    }

    @Override
    public long nextLong() {
        long z = (state += GAMMA);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
