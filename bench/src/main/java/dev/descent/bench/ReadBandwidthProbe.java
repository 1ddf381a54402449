package dev.descent.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * STREAM-like single-thread read bandwidth: the sum of a 256 MiB array (far larger than any cache),
 * four accumulators. Bandwidth = 256 MiB / the measured time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ReadBandwidthProbe {
    private double[] array;

    @Setup
    public void setUp() {
        array = new double[32 << 20];
        for (int i = 0; i < array.length; i++) array[i] = i & 1023;
    }

    @Benchmark
    public double read256MiB() {
        return LossGradientBenchmark.sum(array);
    }
}
