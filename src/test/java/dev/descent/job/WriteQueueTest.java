package dev.descent.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.store.Durability;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

class WriteQueueTest {
    private final DataSource ds = new DriverManagerDataSource("jdbc:h2:mem:write-queue;DB_CLOSE_DELAY=-1", "sa", "");
    private final WriteQueue queue = new WriteQueue(new TransactionTemplate(new DataSourceTransactionManager(ds)),
            Durability.COMMITS, batch -> {});
    private final List<String> committed = new CopyOnWriteArrayList<>(), failed = new CopyOnWriteArrayList<>();

    private WriteQueue.Write write(String name, Runnable statements) {
        return new WriteQueue.Write() {
            @Override
            public void write() {
                statements.run();
            }

            @Override
            public void committed() {
                committed.add(name);
            }

            @Override
            public void failed(RuntimeException e) {
                failed.add(name);
            }
        };
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void closingWritesEverythingQueuedAndRefusesWhatComesAfter() throws Exception {
        CountDownLatch pause = new CountDownLatch(1);
        queue.submit(write("pause", () -> awaitUninterruptibly(pause)));
        for (int i = 0; i < 1000; i++) queue.submit(write("w" + i, () -> {}));
        Thread closer = new Thread(() -> {
            try {
                queue.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        closer.start();
        Thread.sleep(100);
        pause.countDown();
        closer.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(committed).hasSize(1001).startsWith("pause", "w0").endsWith("w999");
        queue.submit(write("late", () -> {}));
        assertThat(failed).containsExactly("late");
    }

    @Test
    void aWriteThatThrowsAnErrorFailsAloneAndTheOthersAreWritten() throws Exception {
        CountDownLatch pause = new CountDownLatch(1);
        queue.submit(write("pause", () -> awaitUninterruptibly(pause)));
        queue.submit(write("before", () -> {}));
        queue.submit(write("broken", () -> {
            throw new StackOverflowError("a write ran out of stack");
        }));
        queue.submit(write("after", () -> {}));
        pause.countDown();
        queue.close();
        assertThat(committed).containsExactly("pause", "before", "after");
        assertThat(failed).containsExactly("broken");
    }
}
