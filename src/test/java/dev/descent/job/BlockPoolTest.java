package dev.descent.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.job.BlockPool.Block;
import org.junit.jupiter.api.Test;

class BlockPoolTest {
    @Test
    void theLastBlockGivenBackIsTheFirstTakenForItsWidth() {
        BlockPool pool = new BlockPool(1 << 20);
        Block a = Block.allocate(100, 3), b = Block.allocate(100, 3), c = Block.allocate(100, 0);
        pool.give(a, 3);
        pool.give(b, 3);
        pool.give(c, 0);
        assertThat(pool.bytes()).isEqualTo(a.bytes() + b.bytes() + c.bytes());
        assertThat(pool.take(100, 3)).isSameAs(b);
        assertThat(pool.take(100, 3)).isSameAs(a);
        Block fresh = pool.take(100, 3);
        assertThat(fresh).isNotSameAs(a).isNotSameAs(b);
        assertThat(fresh.iteration()).hasSize(100);
        assertThat(fresh.x()).hasSize(300);
        assertThat(pool.take(100, 0)).isSameAs(c);
        assertThat(pool.bytes()).isZero();
    }

    @Test
    void keepsNoMoreThanItsBound() {
        Block one = Block.allocate(1000, 2);
        BlockPool pool = new BlockPool(2 * one.bytes() + 1);
        pool.give(one, 2);
        pool.give(Block.allocate(1000, 2), 2);
        pool.give(Block.allocate(1000, 2), 2);
        assertThat(pool.bytes()).isEqualTo(2 * one.bytes());
    }

    @Test
    void letsItsBlocksGoOnceNoneHasBeenTakenForAWhile() throws InterruptedException {
        BlockPool pool = new BlockPool(1 << 20);
        pool.give(Block.allocate(100, 2), 2);
        pool.trim(java.util.concurrent.TimeUnit.MINUTES.toNanos(1));
        assertThat(pool.bytes()).as("taken from just now (the pool's creation)").isPositive();
        Thread.sleep(20);
        pool.trim(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(10));
        assertThat(pool.bytes()).isZero();
        Block b = pool.take(100, 2);
        pool.give(b, 2);
        pool.trim(java.util.concurrent.TimeUnit.MINUTES.toNanos(1));
        assertThat(pool.take(100, 2)).as("a take keeps the pool").isSameAs(b);
    }

    @Test
    void aKeptBlockOfAnotherLengthIsNotHandedOut() {
        BlockPool pool = new BlockPool(1 << 20);
        pool.give(Block.allocate(50, 1), 1);
        Block taken = pool.take(64, 1);
        assertThat(taken.iteration()).hasSize(64);
        assertThat(taken.x()).hasSize(64);
        assertThat(pool.bytes()).isZero();
    }
}
