package dev.descent.job;

import dev.descent.engine.Checkpoint;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers one run's points and hands full chunks to the {@link JdbcJobRepository}'s writer thread,
 * which stores them. Keeps at most the configured number of points: when full, the stored points
 * are thinned to every second one and from then on only every {@code stride}-th offered point is
 * kept (the final point always).
 *
 * <p>The points sit row by row in one array, the open block (see {@link TrajectoryChunk}).
 * {@link #append} runs on the optimizer's thread and takes no lock: it fills the open block and
 * publishes its size with release semantics, so readers (who hold the monitor, as do the rare block
 * hand-overs) copy a consistent prefix while the run goes on. A handed-over full block is not
 * written again until it is stored: its chunk shares the block instead of copying it, and once the
 * chunk is stored the block goes back to the repository's {@link BlockPool} for a later run to
 * fill, unless a reader took the chunk meanwhile ({@link Held}).
 */
final class ChunkWriter implements JobRepository.TrajectoryWriter {
    private static final Logger log = LoggerFactory.getLogger(ChunkWriter.class);
    /** Bytes of one chunk at most, so wide points make shorter chunks. */
    private static final int CHUNK_BYTES = 1 << 20;
    /** Points in a run's first trajectory block, which doubles up to a chunk's capacity as it fills. */
    private static final int FIRST_BLOCK = 128;
    /** What a finished writer's block points to: its last block now belongs to its final chunk. */
    private static final double[] NONE = new double[0];
    /**
     * Bytes of full chunks all runs together hold back from the writer thread at most
     * ({@link #defer}): half the unwritten bound, so the other half is always free or on its way
     * to the store, and a run waiting for room never waits on chunks another run holds back.
     */
    static final long DEFER_BYTES = JdbcJobRepository.MAX_UNWRITTEN_BYTES / 2;
    private static final VarHandle SIZE;

    static {
        try {
            SIZE = MethodHandles.lookup().findVarHandle(ChunkWriter.class, "size", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final JdbcJobRepository repository;
    final Job job;
    final String jobId;
    final int attempt;
    final String owner;
    final int width;
    /** Doubles per point in a block. */
    private final int span;
    final int capacity;
    /** Points kept at most; reaching it thins the trajectory. */
    private final int maxPoints;
    /** The run's thread, which appends (it opens the writer). */
    private final Thread appender = Thread.currentThread();
    /** The open block: {@code capacity} points at most, {@link #span} doubles each. */
    double[] rows;
    /** Points the open block has room for. */
    private int room;
    /** Points in the open block; written by the run's thread only, read with acquire semantics. */
    @SuppressWarnings("unused") private int size;
    int nextSeq;
    int stored;
    /** Every {@code stride}-th offered point is kept; {@code phase} is {@code offered % stride}. */
    long stride = 1, offered, phase;
    volatile boolean thinned, abandoned;
    /** Guards {@code thinsPending}, rewrites of the stored chunks the writer thread has yet to finish. */
    private final Object thinning = new Object();
    private int thinsPending;
    /** Set once the final state is handed over: nothing more is appended. */
    volatile boolean closed;
    /** Chunks handed over and not yet stored, by sequence number. */
    final Map<Integer, Held> inFlight = new ConcurrentHashMap<>();
    long lastIteration = Long.MIN_VALUE;
    /** The last point handed over in a chunk, for {@link #last} while the open block is empty. */
    private volatile TrajectoryPoint lastFlushed;
    /** Full blocks held back from the writer thread (see {@link #defer}), in sequence order. */
    private final List<Held> deferred = new ArrayList<>();
    private long deferredBytes;
    /** The run's elapsed milliseconds at which the held-back chunks go to the writer thread; infinite while none are held. */
    private double releaseAt = Double.POSITIVE_INFINITY;

    /**
     * A chunk handed over, under its sequence number. Its block is either read by a reader
     * ({@link #read}) or, once stored, reused for another run ({@link #reuse}), never both: a
     * reader that comes too late finds the chunk in the store instead.
     */
    static final class Held {
        private static final int HANDED_OVER = 0, KEPT = 1, REUSED = 2;
        final int seq;
        final TrajectoryChunk chunk;
        private final AtomicInteger state = new AtomicInteger(HANDED_OVER);

        Held(int seq, TrajectoryChunk chunk) {
            this.seq = seq;
            this.chunk = chunk;
        }

        /** Whether a reader may use the chunk's block; from now on it is never reused. */
        boolean read() {
            return state.compareAndSet(HANDED_OVER, KEPT) || state.get() == KEPT;
        }

        /** The chunk's block is never reused. */
        void keep() {
            state.set(KEPT);
        }

        /** Whether the chunk's block may be reused: no reader has it, and none will get it. */
        boolean reuse() {
            return state.compareAndSet(HANDED_OVER, REUSED);
        }
    }

    ChunkWriter(JdbcJobRepository repository, Job job, int width) {
        this.repository = repository;
        this.job = job;
        this.jobId = job.id();
        this.attempt = job.attempt();
        this.owner = job.owner();
        this.width = width;
        this.span = TrajectoryChunk.span(width);
        this.maxPoints = repository.maxTrajectoryPoints;
        this.capacity = Math.max(16, Math.min(4096, CHUNK_BYTES / (8 * span)));
        fresh();
    }

    /** Takes up the trajectory of an earlier attempt at its checkpoint. */
    synchronized void continueAfter(long iteration, long stride, long offered, boolean thinned, int stored, int nextSeq) {
        this.lastIteration = iteration;
        this.stride = Math.max(1, stride);
        this.offered = offered;
        this.phase = Math.floorMod(offered, this.stride);
        this.thinned = thinned;
        this.stored = stored;
        this.nextSeq = nextSeq;
    }

    /** Stores the buffered points, then the checkpoint with the thinning state that goes with it. */
    synchronized void checkpoint(Checkpoint checkpoint) {
        flush();
        submitDeferred();
        repository.writes.submit(repository.checkpointWrite(jobId, attempt, owner, checkpoint, stride, offered,
                () -> abandoned));
    }

    /**
     * A new open block; the previous one now belongs to its chunk. A run's first block starts
     * small and doubles as it fills (most runs are short); later ones start at full capacity.
     */
    private void fresh() {
        use(block(stored == 0 ? Math.min(capacity, FIRST_BLOCK) : capacity));
        SIZE.setRelease(this, 0);
    }

    /** A block of {@code points} points: of full capacity from the pool, a smaller one new. */
    private double[] block(int points) {
        return points == capacity ? repository.blocks.take(capacity * span) : new double[points * span];
    }

    private void use(double[] block) {
        rows = block;
        room = block.length / span;
    }

    /** Doubles the open block (up to the capacity), keeping its points. Holds the monitor. */
    private void grow() {
        int n = room;
        double[] b = block(Math.min(capacity, 2 * n));
        System.arraycopy(rows, 0, b, 0, n * span);
        use(b);
    }

    @Override
    public void append(long k, double f, double g, double lr, double ms, double[] point, boolean last) {
        if (abandoned || closed || lastIteration == k) return; // the loop offers its final point again
        if (!last) {
            offered++;
            if (stride != 1) {  // thinned: only every stride-th point is kept (phase is 0 while stride is 1)
                boolean keep = phase == 0;
                if (++phase == stride) phase = 0;
                if (!keep) return;
            }
        }
        int n = (int) SIZE.getOpaque(this);
        if (stored + n >= maxPoints) {
            synchronized (this) {
                thin();
            }
            n = 0;
        }
        TrajectoryChunk.put(rows, width, n, k, f, g, lr, ms, point);
        SIZE.setRelease(this, n + 1);
        lastIteration = k;
        if (ms >= releaseAt) {
            synchronized (this) {
                submitDeferred();
            }
        }
        if (n + 1 == room) {
            synchronized (this) {
                if (n + 1 < capacity) grow();
                else flush();
            }
        }
    }

    private int size() {
        return (int) SIZE.getAcquire(this);
    }

    /** The open block's first {@code n} points as a chunk of their own (a copy: the block is still filling). */
    private TrajectoryChunk open(int n) {
        return new TrajectoryChunk(n, width, Arrays.copyOf(rows, n * span));
    }

    /**
     * Makes the buffered points the next chunk, which readers see at once and the writer thread
     * stores soon ({@link #defer}). Holds the monitor.
     */
    private void flush() {
        int n = size();
        if (n == 0) return;
        boolean full = n == room;
        TrajectoryChunk chunk = full ? new TrajectoryChunk(n, width, rows) : open(n);
        Held held = new Held(nextSeq++, chunk);
        holdRoom(chunk);
        inFlight.put(held.seq, held);
        lastFlushed = chunk.point(n - 1);
        stored += n;
        if (full) fresh();
        else SIZE.setRelease(this, 0); // the chunk has a copy: the open block fills again
        defer(held);
    }

    /**
     * Counts a chunk against the bound of unwritten trajectory bytes. When the writer thread is that
     * far behind, what this run holds back goes to it first; then the run waits for room. Holds the monitor.
     */
    private void holdRoom(TrajectoryChunk chunk) {
        if (!repository.tryHold(chunk)) {
            submitDeferred();
            repository.hold(chunk);
        }
    }

    /**
     * Holds a full chunk back from the writer thread until the oldest held chunk is
     * {@code writeDelay} old by the run's clock, or the runs together hold {@value #DEFER_BYTES}
     * bytes back: a run shorter than that stores its whole trajectory with its result in one
     * transaction ({@link #finish}), so the store's work does not compete with the run for the cores
     * while it is under way. Readers see held chunks as they see the open block. Holds the monitor.
     */
    private void defer(Held held) {
        TrajectoryChunk chunk = held.chunk;
        double now = chunk.elapsed(chunk.points() - 1);
        if (deferred.isEmpty()) releaseAt = now + repository.writeDelayMillis;
        deferred.add(held);
        int bytes = JdbcJobRepository.permits(chunk);
        deferredBytes += bytes;
        boolean full = repository.deferredBytes.addAndGet(bytes) >= DEFER_BYTES;
        if (full || now >= releaseAt) submitDeferred();
    }

    /** The held-back chunks, now no longer counted as held back. Holds the monitor. */
    private List<Held> takeDeferred() {
        List<Held> out = List.copyOf(deferred);
        deferred.clear();
        releaseAt = Double.POSITIVE_INFINITY;
        repository.deferredBytes.addAndGet(-deferredBytes);
        deferredBytes = 0;
        return out;
    }

    /** Hands the held-back chunks to the writer thread, which stores them in one transaction. Holds the monitor. */
    private void submitDeferred() {
        if (deferred.isEmpty()) return;
        List<Held> batch = takeDeferred();
        repository.writes.submit(new WriteQueue.Write() {
            @Override
            public void write() {
                if (!abandoned) batch.forEach(d -> insert(d.seq, d.chunk));
            }

            @Override
            public void committed() {
                written(batch);
            }

            @Override
            public void failed(RuntimeException e) {
                log.warn("Could not store trajectory chunks {}–{} of job {}", batch.get(0).seq,
                        batch.get(batch.size() - 1).seq, jobId, e);
                written(batch);
            }
        });
    }

    /**
     * On the writer thread, once chunks are stored (or given up): readers find them in the store,
     * their bytes no longer count, and full blocks no reader has taken go back to the pool.
     */
    private void written(List<Held> chunks) {
        for (Held d : chunks) {
            // Only this chunk: after a thinning, a newer chunk may already hold the same number.
            inFlight.remove(d.seq, d);
            repository.unhold(d.chunk);
            if (d.chunk.rows().length == capacity * span && d.reuse()) repository.blocks.give(d.chunk.rows());
        }
    }

    /** Halves the kept points: rewrites the stored chunks with every second point and doubles the stride. */
    private void thin() {
        flush();
        submitDeferred();
        int width = this.width;
        synchronized (thinning) {
            thinsPending++;
        }
        repository.writes.submit(new WriteQueue.Write() {
            @Override
            public void write() {
                if (abandoned || !holdsLease()) return;
                List<TrajectoryChunk> all = repository.jdbc.sql("SELECT data FROM trajectory_chunks WHERE job_id = ? ORDER BY seq")
                        .param(jobId).query((rs, i) -> TrajectoryChunk.decode(rs.getBytes(1))).list();
                TrajectoryChunk kept = TrajectoryChunk.concat(all, width).everySecond();
                repository.jdbc.sql("DELETE FROM trajectory_chunks WHERE job_id = ?").param(jobId).update();
                int seq = 0;
                for (int from = 0; from < kept.points(); from += capacity) {
                    insert(seq++, kept.slice(from, Math.min(capacity, kept.points() - from)));
                }
                repository.jdbc.sql("UPDATE jobs SET trajectory_thinned = TRUE WHERE id = ?").param(jobId).update();
            }

            /** A rewrite of the whole trajectory that locks the job's row: it commits on its own. */
            @Override
            public boolean alone() {
                return true;
            }

            @Override
            public void committed() {
                done();
            }

            @Override
            public void failed(RuntimeException e) {
                log.warn("Could not thin the trajectory of job {}", jobId, e);
                done();
            }

            private void done() {
                // Never the writer's monitor here: a run waiting for the writer may hold it.
                synchronized (thinning) {
                    thinsPending--;
                    thinning.notifyAll();
                }
            }
        });
        // The rewritten chunks take sequence numbers from 0; new ones continue after them.
        stored = (stored + 1) / 2;
        nextSeq = (stored + capacity - 1) / capacity;
        stride *= 2;
        phase = offered % stride;
        thinned = true;
        job.markTrajectoryThinned();
    }

    private static final String FENCED_INSERT = "INSERT INTO trajectory_chunks (seq, first_iteration, last_iteration, "
            + "points, data, job_id) SELECT ?, ?, ?, ?, ?, id FROM jobs WHERE id = ? AND attempt = ? AND lease_owner = ?";
    private static final String OWN_INSERT = "INSERT INTO trajectory_chunks (seq, first_iteration, last_iteration, "
            + "points, data, job_id) VALUES (?, ?, ?, ?, ?, ?)";

    /**
     * Writes a chunk only while this run's attempt still holds the job, so a node that lost its
     * lease cannot add points to the trajectory of the attempt that replaced it.
     */
    private void insert(int seq, TrajectoryChunk chunk) {
        insert(seq, chunk, true);
    }

    /**
     * Writes a chunk; unfenced only for a job whose row this attempt has written in the same
     * transaction. Both statements take the same first six parameters.
     */
    private void insert(int seq, TrajectoryChunk chunk, boolean fenced) {
        byte[] data = repository.encodeOnWriter(chunk);
        repository.onWriter(fenced ? FENCED_INSERT : OWN_INSERT, ps -> {
            ps.setInt(1, seq);
            ps.setLong(2, chunk.first());
            ps.setLong(3, chunk.last());
            ps.setInt(4, chunk.points());
            ps.setBytes(5, data);
            ps.setString(6, jobId);
            if (fenced) {
                ps.setInt(7, attempt);
                ps.setString(8, owner);
            }
        });
    }

    private boolean holdsLease() {
        return repository.jdbc.sql("SELECT id FROM jobs WHERE id = ? AND attempt = ? AND lease_owner = ? FOR UPDATE")
                .params(jobId, attempt, owner).query(String.class).optional().isPresent();
    }

    /**
     * Waits (a few seconds at most) until the stored chunks are thinned as far as the buffered
     * ones: in between, stored and buffered chunks number their points differently.
     */
    void awaitThinned() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (thinning) {
            for (long left; thinsPending > 0 && (left = deadline - System.nanoTime()) > 0; ) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(thinning, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * The chunks not yet stored and the open block's points, by sequence number. A chunk stored
     * meanwhile may be left out: the store has it by then.
     */
    synchronized Map<Integer, TrajectoryChunk> pending() {
        Map<Integer, TrajectoryChunk> out = new TreeMap<>();
        for (Held h : inFlight.values()) if (h.read()) out.put(h.seq, h.chunk);
        int n = size();
        if (n > 0) out.put(nextSeq, open(n));
        return out;
    }

    synchronized int total() {
        return stored + size();
    }

    synchronized Optional<TrajectoryPoint> last() {
        int n = size();
        if (n > 0) return Optional.of(new TrajectoryChunk(n, width, rows).point(n - 1));
        return Optional.ofNullable(lastFlushed);
    }

    /**
     * Hands the buffered points, the chunks held back and the job's final state to the writer
     * thread, which stores them in one transaction (retrying transient failures), then lets go of the job.
     */
    synchronized void finish() {
        closed = true;
        int n = size();
        // Nothing is appended any more, so the chunk can take the open block as it is.
        // A run forced to an end (its time limit) may still be appending on its own thread: then its
        // block is never reused, so what it still writes lands where no one looks.
        boolean runEnded = Thread.currentThread() == appender;
        Held last = null;
        if (n > 0) {
            TrajectoryChunk chunk = new TrajectoryChunk(n, width, rows);
            last = new Held(nextSeq++, chunk);
            if (!runEnded) last.keep();
            stored += n;
            holdRoom(chunk);
            inFlight.put(last.seq, last);
            lastFlushed = chunk.point(n - 1);
            SIZE.setRelease(this, 0);
        } else if (runEnded && room == capacity) {
            repository.blocks.give(rows);
        }
        if (runEnded) use(NONE);
        List<Held> chunks = new ArrayList<>(takeDeferred());
        if (last != null) chunks.add(last);
        repository.writes.submit(new FinalWrite(chunks));
    }

    /**
     * A run's last chunks and its final state, in one transaction. The final state may already be in
     * the job's row: a job accepted and finished before its row was written gets its row finished.
     */
    final class FinalWrite implements WriteQueue.Write {
        private final List<Held> chunks;
        /** Set when the job's row is written in the same batch with this final state already. */
        boolean stateWritten;
        private boolean fenced;

        FinalWrite(List<Held> chunks) {
            this.chunks = chunks;
        }

        String jobId() {
            return jobId;
        }

        @Override
        public void write() {
            fenced = false;
            if (abandoned) return;
            // A row written in this same batch is this attempt's own: its chunks need no fencing.
            for (Held d : chunks) insert(d.seq, d.chunk, !stateWritten);
            if (!stateWritten) fenced = !repository.store(job);
        }

        @Override
        public void separate() {
            stateWritten = false;
        }

        @Override
        public void committed() {
            if (fenced) {
                log.warn("Job {} attempt {} lost its lease before its result was stored; the result is dropped",
                        jobId, attempt);
            }
            done();
        }

        @Override
        public void failed(RuntimeException e) {
            log.error("Could not store the result of job {}; it runs again after a restart", jobId, e);
            done();
        }

        private void done() {
            written(chunks);
            repository.writers.remove(jobId, ChunkWriter.this);
            repository.live.remove(jobId, job);
        }
    }

    /** Hands the chunks held back to the writer thread now (the job is handed back to the queue). */
    synchronized void submitHeld() {
        submitDeferred();
    }

    /** Stops all writing for this run; chunks still held back are let go (and not stored). */
    synchronized void abandon() {
        abandoned = true;
        submitDeferred();
    }
}
