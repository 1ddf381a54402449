package dev.descent.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BlockPoolTest {
    @Test
    void theLastBlockGivenBackIsTheFirstTakenForItsLength() {
        BlockPool pool = new BlockPool(1 << 20);
        double[] a = new double[800], b = new double[800], c = new double[500];
        pool.give(a);
        pool.give(b);
        pool.give(c);
        assertThat(pool.bytes()).isEqualTo(8L * (800 + 800 + 500));
        assertThat(pool.take(800)).isSameAs(b);
        assertThat(pool.take(800)).isSameAs(a);
        double[] fresh = pool.take(800);
        assertThat(fresh).isNotSameAs(a).isNotSameAs(b).hasSize(800);
        assertThat(pool.take(500)).isSameAs(c);
        assertThat(pool.bytes()).isZero();
    }

    @Test
    void keepsNoMoreThanItsBound() {
        BlockPool pool = new BlockPool(2 * 8 * 1000 + 1);
        pool.give(new double[1000]);
        pool.give(new double[1000]);
        pool.give(new double[1000]);
        assertThat(pool.bytes()).isEqualTo(2 * 8 * 1000);
    }

    @Test
    void letsItsBlocksGoOnceNoneHasBeenTakenForAWhile() throws InterruptedException {
        BlockPool pool = new BlockPool(1 << 20);
        pool.give(new double[700]);
        pool.trim(TimeUnit.MINUTES.toNanos(1));
        assertThat(pool.bytes()).as("taken from just now (the pool's creation)").isPositive();
        Thread.sleep(20);
        pool.trim(TimeUnit.MILLISECONDS.toNanos(10));
        assertThat(pool.bytes()).isZero();
        double[] b = pool.take(700);
        pool.give(b);
        pool.trim(TimeUnit.MINUTES.toNanos(1));
        assertThat(pool.take(700)).as("a take keeps the pool").isSameAs(b);
    }

    @Test
    void aKeptBlockOfAnotherLengthIsNotHandedOut() {
        BlockPool pool = new BlockPool(1 << 20);
        pool.give(new double[300]);
        assertThat(pool.take(384)).hasSize(384);
        assertThat(pool.bytes()).as("the other length stays kept").isEqualTo(8 * 300);
    }
}
