package dev.descent.job;

import dev.descent.engine.Checkpoint;
import dev.descent.stopping.StopReason;
import dev.descent.store.Durability;
import dev.descent.store.Journal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jobs in a relational store (the embedded H2 file by default, PostgreSQL in production) with
 * trajectories in binary chunks of many points. Jobs this node runs stay live in memory until they
 * finish, so reads see their progress at once; a single writer thread persists trajectory chunks
 * off the optimizer's thread. A node's lease is one row in {@code nodes} that its heartbeat renews;
 * every state write is fenced by owner and attempt, so a node that lost its lease cannot overwrite
 * the work of the node that took the job over.
 */
public final class JdbcJobRepository implements JobRepository {
    private static final Logger log = LoggerFactory.getLogger(JdbcJobRepository.class);
    private static final String COLUMNS = "id, name, status, problem_type, optimizer_type, dimension, created_at, "
            + "started_at, finished_at, request, progress, result, error, idempotency_key, fingerprint, attempt, lease_owner, "
            + "trajectory_thinned, owner";
    private static final String ACTIVE = "('QUEUED','RUNNING')";
    /** Tries at a write before a transient failure is given up on (about 3 s of pauses in all). */
    static final int STORE_ATTEMPTS = 7;
    /** Trajectory bytes handed to the writer thread and not yet written, at most, for all runs together. */
    static final int MAX_UNWRITTEN_BYTES = 32 << 20;
    /** Accepted jobs whose rows are on their way, at most, before a submission waits for its own row (journal mode). */
    static final int MAX_UNWRITTEN_JOBS = 4096;
    /** A journal segment this long is flushed and dropped without waiting for {@link #JOURNAL_FLUSH_INTERVAL}. */
    static final long JOURNAL_SEGMENT_BYTES = 4 << 20;
    /** How often the store is flushed so the journal's segments can go. */
    static final Duration JOURNAL_FLUSH_INTERVAL = Duration.ofSeconds(1);
    /** How long no run may take a block from {@link #blocks} before the pool lets its blocks go. */
    static final Duration BLOCKS_IDLE = Duration.ofMinutes(1);

    final JdbcClient jdbc;
    /** The same store, for the writer thread's hottest statements ({@link #onWriter}). */
    private final DataSource dataSource;
    private final JdbcTemplate template;
    /** The writer thread's prepared statements, on the connection of the batch in progress. */
    private final Map<String, PreparedStatement> prepared = new HashMap<>();
    private Connection preparedOn;
    final TransactionTemplate tx;
    private final JsonMapper json;
    final int maxTrajectoryPoints;
    /** How long (by a run's own clock) its full trajectory chunks may wait before they go to the writer thread. */
    final double writeDelayMillis;
    private final boolean exclusive;
    private final boolean skipLocked;
    /** An accepted job is on disk before the client hears so; later state writes need not wait. */
    private final Durability durability;
    final Map<String, Job> live = new ConcurrentHashMap<>();
    final Map<String, ChunkWriter> writers = new ConcurrentHashMap<>();
    private final Semaphore unwritten = new Semaphore(MAX_UNWRITTEN_BYTES);
    /** Bytes of full trajectory chunks that runs hold back from the writer thread ({@link ChunkWriter}). */
    final AtomicLong deferredBytes = new AtomicLong();
    /** The writer thread's room to encode chunks in; only that thread touches it. */
    private byte[] encodeBuffer = new byte[0];
    /** Trajectory blocks whose points are stored, for the next runs to fill: as many bytes as runs may hold back. */
    final BlockPool blocks = new BlockPool(ChunkWriter.DEFER_BYTES);
    /**
     * Where accepted jobs are made durable before their rows are written, or null: then the writer
     * thread flushes the store for them ({@link Durability}) before their clients hear of them.
     */
    private final Journal journal;
    /** Set when an accepted job's row could not be written: the journal keeps its segments for the next start. */
    private volatile boolean journalKept;
    /** Accepted jobs not yet written, by id ({@link #accept}). */
    private final Map<String, JobInsert> unwrittenJobs = new ConcurrentHashMap<>();
    /** Stores accepted jobs, trajectories and final states in the order they were handed over, in batches. */
    final WriteQueue writes;
    /** The writer thread ({@link #writes}); also empties an idle {@link #blocks} pool. */
    final ScheduledExecutorService writerThread;

    /**
     * @param exclusive whether only this process uses the store (embedded file)
     * @param skipLocked whether the database understands {@code FOR UPDATE SKIP LOCKED}
     * @param trajectoryWriteDelay how long a run's full trajectory chunks may wait in memory, by the run's
     *     own clock, before they are stored ({@link ChunkWriter}); zero stores each as soon as it is full
     */
    public JdbcJobRepository(DataSource dataSource, TransactionTemplate tx, JsonMapper json, int maxTrajectoryPoints,
                             boolean exclusive, boolean skipLocked, Durability durability, Duration trajectoryWriteDelay) {
        this(dataSource, tx, json, maxTrajectoryPoints, exclusive, skipLocked, durability, trajectoryWriteDelay, null);
    }

    /**
     * @param journal where accepted jobs are made durable before their rows are written (an embedded
     *     store's), or null; jobs it recorded and the store lacks are stored first, as queued
     */
    public JdbcJobRepository(DataSource dataSource, TransactionTemplate tx, JsonMapper json, int maxTrajectoryPoints,
                             boolean exclusive, boolean skipLocked, Durability durability, Duration trajectoryWriteDelay,
                             Journal journal) {
        this.dataSource = dataSource;
        this.template = new JdbcTemplate(dataSource);
        this.jdbc = JdbcClient.create(template);
        this.journal = journal;
        this.writeDelayMillis = trajectoryWriteDelay.toNanos() / 1e6;
        this.durability = durability;
        this.tx = tx;
        this.json = json;
        this.maxTrajectoryPoints = Math.max(2, maxTrajectoryPoints);
        this.exclusive = exclusive;
        this.skipLocked = skipLocked;
        this.writes = new WriteQueue(tx, durability, JdbcJobRepository::merge);
        this.writerThread = writes.thread;
        long idle = BLOCKS_IDLE.toNanos();
        writerThread.scheduleWithFixedDelay(() -> blocks.trim(idle), idle, idle / 2, TimeUnit.NANOSECONDS);
        if (journal != null) {
            recoverJournal();
            long every = JOURNAL_FLUSH_INTERVAL.toNanos();
            writerThread.scheduleWithFixedDelay(this::flushJournal, every, every, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public boolean exclusive() {
        return exclusive;
    }

    @Override
    public Optional<Job> insert(Job job) {
        try {
            insertQueued(job, json.writeValueAsString(job.request()));
        } catch (DuplicateKeyException taken) {
            String key = job.idempotencyKey().orElseThrow(() -> taken);
            return jdbc.sql("SELECT " + COLUMNS + " FROM jobs WHERE idempotency_key = ?").param(key)
                    .query(this::row).optional().map(this::liveOr);
        }
        durability.await();
        live.put(job.id(), job);
        return Optional.empty();
    }

    /** A new job's row as submitted (QUEUED), from any thread. */
    private void insertQueued(Job job, String request) {
        jdbc.sql("INSERT INTO jobs (id, name, status, problem_type, optimizer_type, dimension, created_at, request, "
                        + "idempotency_key, fingerprint, attempt, lease_owner, owner) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(job.id(), job.request().name(), job.status().name(), job.problemType(), job.optimizerType(),
                        job.dimension(), ts(job.createdAt()), request, job.idempotencyKey().orElse(null),
                        job.fingerprint(), job.attempt(), job.owner(), job.client())
                .update();
    }

    /**
     * {@inheritDoc}
     *
     * <p>The job's row goes to the writer thread, which writes the jobs accepted meanwhile in one
     * transaction (and, without a journal, flushes once for all of them). A job that has finished by
     * the time its row is written, with its final state queued in the same batch, is written once, finished.
     */
    @Override
    public Accepted accept(Job job) {
        if (job.idempotencyKey().isPresent()) throw new IllegalArgumentException("a keyed job is inserted, not accepted");
        JobInsert insert = new JobInsert(job, json.writeValueAsString(job.request()));
        if (journal == null) {
            insert.queue();
            return insert;
        }
        String line = journalEntry(job, insert.request);
        // The line goes first, before anyone can see the job, so a mark that it was deleted always comes after
        // it; under the journal's lock, so a segment that holds the line ends only after the row is queued,
        // and the flush that lets the segment go is queued behind the row (flushJournal).
        synchronized (journal) {
            journal.append(line);
            insert.queue();
        }
        if (journal.size() >= JOURNAL_SEGMENT_BYTES) flushJournal();
        return insert;
    }

    /**
     * An accepted job's row, on its way to the store. With a {@link #journal}, the job is durable once
     * the journal records it ({@link #await}); without, once the writer thread has written and flushed its row.
     */
    private final class JobInsert implements WriteQueue.Write, Accepted {
        final Job job;
        private final String request;
        private final CompletableFuture<Void> written = new CompletableFuture<>();
        private volatile boolean withdrawn;
        /** Set by {@link #merge}: the job's final state is queued in the same batch, so the row has it at once. */
        boolean finalState;
        /** Whether this insert's row was committed (the writer thread's own record, read by a later write). */
        private boolean inserted, inserting;

        JobInsert(Job job, String request) {
            this.job = job;
            this.request = request;
        }

        /** Makes the job readable, and queues its row. */
        void queue() {
            unwrittenJobs.put(job.id(), this);
            live.put(job.id(), job);
            writes.submit(this);
        }

        @Override
        public void write() {
            inserting = !withdrawn;
            if (inserting) insertRow(job, request, finalState);
        }

        @Override
        public boolean durable() {
            return journal == null;
        }

        @Override
        public void committed() {
            inserted = inserting;
            unwrittenJobs.remove(job.id(), this);
            written.complete(null);
        }

        @Override
        public void notDurable(RuntimeException e) {
            inserted = inserting; // committed, so the row is there for a withdrawal to remove
            unwrittenJobs.remove(job.id(), this);
            written.completeExceptionally(e);
        }

        @Override
        public void failed(RuntimeException e) {
            unwrittenJobs.remove(job.id(), this);
            if (journal != null) {
                // Accepted already (the journal has it), but without a row this process cannot run it: the job
                // leaves memory, and the journal keeps it (all of it from now on) for the next start.
                journalKept = true;
                forget(job);
                log.error("Could not store job {}; the journal keeps it, and it is stored and run at the next start",
                        job.id(), e);
            }
            written.completeExceptionally(e);
        }

        @Override
        public void separate() {
            finalState = false;
        }

        @Override
        public void await() {
            if (journal != null) {
                // The journal has it. Only when the writer thread is far behind does the client wait for its row.
                if (unwrittenJobs.size() > MAX_UNWRITTEN_JOBS) settled();
                return;
            }
            try {
                written.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }

        /** Waits until the row is written or given up on. */
        void settled() {
            written.handle((ok, failure) -> null).join();
        }

        @Override
        public void withdraw() {
            if (journal != null) journal.append(tombstone(job.id()));
            withdrawn = true;
            unwrittenJobs.remove(job.id(), this);
            forget(job);
            // The row may be written already (or be in the batch being written): it goes again, behind it.
            writes.submit(new WriteQueue.Write() {
                @Override
                public void write() {
                    if (inserted) jdbc.sql("DELETE FROM jobs WHERE id = ?").param(job.id()).update();
                }

                @Override
                public void failed(RuntimeException e) {
                    log.warn("Could not remove the row of withdrawn job {}", job.id(), e);
                }
            });
        }
    }

    /** Pairs each accepted job's row with its final state when both are in the batch: one write instead of two. */
    private static void merge(List<WriteQueue.Write> batch) {
        Map<String, JobInsert> inserts = null;
        for (WriteQueue.Write w : batch) {
            if (w instanceof JobInsert insert) {
                if (inserts == null) inserts = new HashMap<>();
                inserts.put(insert.job.id(), insert);
            } else if (inserts != null && w instanceof ChunkWriter.FinalWrite last) {
                JobInsert insert = inserts.get(last.jobId());
                if (insert != null) {
                    insert.finalState = true;
                    last.stateWritten = true;
                }
            }
        }
    }

    /** A new job's row: as submitted, or with its final state (it has finished, and that state is queued behind). */
    private void insertRow(Job job, String request, boolean finalState) {
        State state = finalState ? State.of(job) : State.SUBMITTED;
        String progress = write(state.progress()), result = write(StoredResult.of(state.result()));
        onWriter("INSERT INTO jobs (id, name, status, problem_type, optimizer_type, dimension, created_at, started_at, "
                + "finished_at, request, progress, result, error, idempotency_key, fingerprint, attempt, lease_owner, "
                + "owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
            ps.setString(1, job.id());
            text(ps, 2, job.request().name());
            ps.setString(3, state.status().name());
            ps.setString(4, job.problemType());
            ps.setString(5, job.optimizerType());
            ps.setInt(6, job.dimension());
            time(ps, 7, job.createdAt());
            time(ps, 8, state.startedAt());
            time(ps, 9, state.finishedAt());
            ps.setString(10, request);
            text(ps, 11, progress);
            text(ps, 12, result);
            text(ps, 13, state.error());
            text(ps, 14, job.idempotencyKey().orElse(null));
            ps.setString(15, job.fingerprint());
            ps.setInt(16, job.attempt());
            text(ps, 17, job.owner());
            text(ps, 18, job.client());
        });
    }

    /** A job's changing fields, read together. */
    private record State(JobStatus status, Instant startedAt, Instant finishedAt, JobProgress progress, JobResult result,
                         String error) {
        static final State SUBMITTED = new State(JobStatus.QUEUED, null, null, null, null, null);

        static State of(Job job) {
            synchronized (job) {
                return new State(job.status(), job.startedAt(), job.finishedAt(), job.progress(), job.result(), job.error());
            }
        }
    }

    /** Sets a statement's parameters. */
    @FunctionalInterface
    interface Parameters {
        void set(PreparedStatement ps) throws SQLException;
    }

    /**
     * Runs a statement on the writer thread, in its batch's transaction, with a statement prepared
     * once per batch rather than once per row; failures are translated as a {@link JdbcTemplate}'s
     * are. Only the writer thread calls this.
     */
    int onWriter(String sql, Parameters parameters) {
        // The transaction's own connection: the same object for the whole batch.
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            if (connection != preparedOn) {
                prepared.clear(); // an earlier batch's statements closed with its connection
                preparedOn = connection;
            }
            PreparedStatement ps = prepared.get(sql);
            if (ps == null) {
                ps = connection.prepareStatement(sql);
                prepared.put(sql, ps);
            }
            parameters.set(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            RuntimeException translated = template.getExceptionTranslator().translate("store write", sql, e);
            throw translated != null ? translated : new IllegalStateException(e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static void text(PreparedStatement ps, int i, String value) throws SQLException {
        if (value == null) ps.setNull(i, Types.VARCHAR);
        else ps.setString(i, value);
    }

    private static void time(PreparedStatement ps, int i, Instant value) throws SQLException {
        if (value == null) ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        else ps.setTimestamp(i, ts(value));
    }

    /** Drops this node's live copy of a job and stops its trajectory writer (the job is not, or no longer, this node's to store). */
    private void forget(Job job) {
        live.remove(job.id(), job);
        ChunkWriter writer = writers.remove(job.id());
        if (writer != null) writer.abandon();
    }

    /** Accepted jobs whose rows are on their way, now. */
    private List<Job> unwritten() {
        return unwrittenJobs.isEmpty() ? List.of() : unwrittenJobs.values().stream().map(insert -> insert.job).toList();
    }

    /** Waits until an accepted job's row is written, so a direct write to it finds it. */
    private void awaitWritten(String id) {
        JobInsert insert = unwrittenJobs.get(id);
        if (insert != null) insert.settled();
    }

    @Override
    public Optional<Job> find(String id) {
        Job job = live.get(id);
        if (job != null) return Optional.of(job);
        return jdbc.sql("SELECT " + COLUMNS + " FROM jobs WHERE id = ?").param(id).query(this::row).optional();
    }

    @Override
    public List<Job> list(String client, JobStatus status, String cursor, int limit) {
        // Taken before the query, as in countActive: a job that leaves them meanwhile is in the query's answer.
        List<Job> pending = unwritten();
        List<Job> current = List.copyOf(live.values());
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM jobs WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (client != null) {
            sql.append(" AND owner = ?");
            params.add(client);
        }
        if (status != null) {
            sql.append(" AND status = ?");
            params.add(status.name());
        }
        if (cursor != null) {
            sql.append(" AND id < ?");
            params.add(cursor);
        }
        // A live job whose end is still on its way to the store is listed by its end, not by its row: such a
        // row is dropped from a list of queued or running jobs, so as many more rows are read as there are
        // live jobs, and a page is still full; a list of finished jobs takes these jobs from memory.
        sql.append(" ORDER BY id DESC LIMIT ?");
        params.add(limit + current.size());
        List<Job> stored = jdbc.sql(sql.toString()).params(params).query(this::row).list().stream().map(this::liveOr)
                .toList();
        Map<String, Job> all = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        for (Job job : stored) if (status == null || status.finished() || !job.status().finished()) all.put(job.id(), job);
        // Accepted jobs whose rows are still on their way are listed too: a client lists what it has submitted.
        List<Job> unstored = status != null && status.finished() ? current : pending;
        for (Job job : unstored) {
            if ((client == null || client.equals(job.client())) && (status == null || job.status() == status)
                    && (cursor == null || job.id().compareTo(cursor) < 0) && live.get(job.id()) == job) {
                all.putIfAbsent(job.id(), job);
            }
        }
        return all.values().stream().limit(limit).toList();
    }

    /**
     * The live copy of a stored job while the row is still its own (same attempt and lease), else the
     * row: a job another node took over, or gave up on, is what the store says.
     */
    private Job liveOr(Job stored) {
        Job job = live.get(stored.id());
        return job != null && job.attempt() == stored.attempt() && java.util.Objects.equals(job.owner(), stored.owner())
                ? job : stored;
    }

    /**
     * {@inheritDoc}
     *
     * <p>A run's final state goes to the writer thread, behind its last trajectory points and in one
     * transaction with them, so the store never shows a finished job with part of its trajectory; the
     * job stays live in memory (and reads see it finished) until that commit. This returns true for
     * it at once: a final write fenced out there (the lease was lost meanwhile) is logged and dropped.
     */
    @Override
    public long countActive(String client) {
        // A run this node has ended stays active in the store until the writer thread commits its final
        // state (with the trajectory it held back, which can take a moment); it no longer counts.
        // Accepted jobs whose rows are on their way count too. They are taken before the query: one that leaves
        // them meanwhile has committed its row, which the query then sees (the other order could miss it).
        java.util.Set<String> active = new java.util.HashSet<>();
        for (Job job : unwritten()) if (client.equals(job.client())) active.add(job.id());
        active.addAll(jdbc.sql("SELECT id FROM jobs WHERE owner = ? AND status IN " + ACTIVE).param(client)
                .query(String.class).list());
        return active.stream()
                .filter(id -> {
                    Job job = live.get(id);
                    return job == null || !job.status().finished();
                })
                .count();
    }

    @Override
    public boolean updated(Job job) {
        ChunkWriter writer = writers.get(job.id());
        if (writer != null && job.status().finished()) {
            writer.finish();
            return true;
        }
        awaitWritten(job.id());
        if (retrying(() -> store(job))) {
            if (job.status().finished()) live.remove(job.id(), job);
            return true;
        }
        forget(job);
        return false;
    }

    @Override
    public boolean started(Job job) {
        // A QUEUED row becomes RUNNING; a row the run has already finished keeps its final state.
        awaitWritten(job.id());
        return retrying(() -> jdbc.sql("UPDATE jobs SET status = CASE WHEN status = 'QUEUED' THEN 'RUNNING' ELSE status END, "
                        + "started_at = COALESCE(started_at, ?) WHERE id = ? AND attempt = ? AND lease_owner = ?")
                .params(ts(job.startedAt()), job.id(), job.attempt(), job.owner()).update() > 0);
    }

    /** Writes the job's state while its owner and attempt hold it; false when fenced out. */
    boolean store(Job job) {
        return jdbc.sql("UPDATE jobs SET status = ?, started_at = ?, finished_at = ?, progress = ?, result = ?, error = ? "
                        + "WHERE id = ? AND attempt = ? AND lease_owner = ?")
                .params(job.status().name(), ts(job.startedAt()), ts(job.finishedAt()), write(job.progress()),
                        write(StoredResult.of(job.result())), job.error(), job.id(), job.attempt(), job.owner())
                .update() > 0;
    }

    @Override
    public boolean delete(String id) {
        // The journal may still hold the job: a mark that it is gone keeps it from coming back at the next start.
        if (journal != null) journal.append(tombstone(id));
        awaitWritten(id); // a row still on its way would otherwise land after the delete
        live.remove(id);
        ChunkWriter writer = writers.remove(id);
        if (writer != null) writer.abandon();
        return jdbc.sql("DELETE FROM jobs WHERE id = ?").param(id).update() > 0;
    }

    @Override
    public int deleteFinishedBefore(Instant cutoff) {
        if (journalKept) {
            // The journal keeps every job since a row failed: marks keep the ones going now from coming back.
            jdbc.sql("SELECT id FROM jobs WHERE status NOT IN " + ACTIVE + " AND finished_at < ?").param(ts(cutoff))
                    .query(String.class).list().forEach(id -> journal.append(tombstone(id)));
        }
        return jdbc.sql("DELETE FROM jobs WHERE status NOT IN " + ACTIVE + " AND finished_at < ?").param(ts(cutoff))
                .update();
    }

    @Override
    public void renewLease(String node, Instant until) {
        if (jdbc.sql("UPDATE nodes SET expires_at = ? WHERE id = ?").params(ts(until), node).update() > 0) return;
        try {
            jdbc.sql("INSERT INTO nodes (id, expires_at) VALUES (?, ?)").params(node, ts(until)).update();
        } catch (DuplicateKeyException registeredMeanwhile) {
            jdbc.sql("UPDATE nodes SET expires_at = ? WHERE id = ?").params(ts(until), node).update();
        }
    }

    @Override
    public List<String> cancelRequested(String owner) {
        return jdbc.sql("SELECT id FROM jobs WHERE lease_owner = ? AND cancel_requested AND status IN " + ACTIVE)
                .param(owner).query(String.class).list();
    }

    @Override
    public boolean requestCancel(String id) {
        return jdbc.sql("UPDATE jobs SET cancel_requested = TRUE WHERE id = ? AND status IN " + ACTIVE).param(id)
                .update() > 0;
    }

    @Override
    public List<Job> reclaim(String owner, Instant now, boolean everyone, int maxAttempts) {
        List<Job> taken = tx.execute(status -> {
            String lock = skipLocked ? " FOR UPDATE SKIP LOCKED" : " FOR UPDATE";
            List<Job> expired = jdbc.sql("SELECT " + COLUMNS + " FROM jobs WHERE status IN " + ACTIVE
                            + (everyone ? " AND (lease_owner IS NULL OR lease_owner <> ?)"
                                    : " AND (lease_owner IS NULL OR NOT EXISTS (SELECT 1 FROM nodes "
                                            + "WHERE nodes.id = jobs.lease_owner AND nodes.expires_at >= ?))")
                            + " ORDER BY id" + lock)
                    .param(everyone ? owner : ts(now)).query(this::row).list();
            List<Job> out = new ArrayList<>();
            for (Job job : expired) {
                int next = job.attempt() + 1;
                if (next > maxAttempts) {
                    jdbc.sql("UPDATE jobs SET status = 'FAILED', finished_at = ?, lease_owner = NULL, error = ? WHERE id = ?")
                            .params(ts(now), "The job's worker stopped during each of " + job.attempt()
                                    + " attempts; giving up", job.id())
                            .update();
                    continue;
                }
                jdbc.sql("UPDATE jobs SET status = 'QUEUED', attempt = ?, lease_owner = ?, progress = NULL WHERE id = ?")
                        .params(next, owner, job.id()).update();
                trimToCheckpoint(job.id());
                out.add(Job.restore(job.id(), job.request(), job.problemType(), job.optimizerType(), job.dimension(),
                        job.createdAt(), job.idempotencyKey().orElse(null), job.fingerprint(), JobStatus.QUEUED,
                        null, null, null, null, null).claimedBy(owner, next).ownedBy(job.client()));
            }
            return out;
        });
        if (taken != null) for (Job job : taken) live.put(job.id(), job);
        return taken == null ? List.of() : taken;
    }

    @Override
    public void release(Job job) {
        ChunkWriter held = writers.get(job.id());
        if (held != null) held.submitHeld();
        // Behind whatever the writer thread still holds for this job (its row, chunks, a last checkpoint).
        CompletableFuture<Void> done = new CompletableFuture<>();
        writes.submit(new WriteQueue.Write() {
            @Override
            public void write() {
                jdbc.sql("UPDATE jobs SET status = 'QUEUED', lease_owner = NULL "
                                + "WHERE id = ? AND attempt = ? AND lease_owner = ? AND status IN " + ACTIVE)
                        .params(job.id(), job.attempt(), job.owner()).update();
            }

            @Override
            public void committed() {
                done.complete(null);
            }

            @Override
            public void failed(RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            done.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("Could not hand job {} back; its lease will expire instead", job.id(), e);
        }
        forget(job);
    }

    @Override
    public void checkpoint(Job job, Checkpoint checkpoint) {
        ChunkWriter writer = writers.get(job.id());
        if (writer != null) {
            writer.checkpoint(checkpoint);
        } else {
            writes.submit(checkpointWrite(job.id(), job.attempt(), job.owner(), checkpoint, 1, 0, () -> false));
        }
    }

    /** Saves a checkpoint with the trajectory's thinning state at that point, unless {@code abandoned} by then. */
    WriteQueue.Write checkpointWrite(String id, int attempt, String owner, Checkpoint checkpoint, long stride, long offered,
                                     java.util.function.BooleanSupplier abandoned) {
        return new WriteQueue.Write() {
            @Override
            public void write() {
                if (abandoned.getAsBoolean()) return;
                jdbc.sql("UPDATE jobs SET checkpoint = ?, checkpoint_iteration = ?, trajectory_stride = ?, "
                                + "trajectory_offered = ? WHERE id = ? AND attempt = ? AND lease_owner = ? AND status IN " + ACTIVE)
                        .params(checkpoint.encode(), checkpoint.iteration(), stride, offered, id, attempt, owner).update();
            }

            @Override
            public void failed(RuntimeException e) {
                log.warn("Could not store a checkpoint of job {}", id, e);
            }
        };
    }

    @Override
    public Optional<Checkpoint> checkpoint(String id) {
        return jdbc.sql("SELECT checkpoint FROM jobs WHERE id = ? AND checkpoint IS NOT NULL").param(id)
                .query((rs, i) -> Checkpoint.decode(rs.getBytes(1))).optional();
    }

    /**
     * Makes a taken-over job's stored trajectory match its checkpoint: points recorded after it by
     * the lost attempt go; without a checkpoint the whole trajectory goes and the job starts over.
     */
    private void trimToCheckpoint(String id) {
        Long k = jdbc.sql("SELECT checkpoint_iteration FROM jobs WHERE id = ?").param(id).query(Long.class).optional()
                .orElse(null);
        if (k == null) {
            jdbc.sql("DELETE FROM trajectory_chunks WHERE job_id = ?").param(id).update();
            return;
        }
        jdbc.sql("DELETE FROM trajectory_chunks WHERE job_id = ? AND first_iteration > ?").params(id, k).update();
        jdbc.sql("SELECT seq, data FROM trajectory_chunks WHERE job_id = ? AND last_iteration > ?").params(id, k)
                .query((rs, i) -> Map.entry(rs.getInt(1), TrajectoryChunk.decode(rs.getBytes(2)))).list()
                .forEach(e -> {
                    TrajectoryChunk c = e.getValue();
                    int keep = 0;
                    while (keep < c.points() && c.iteration(keep) <= k) keep++;
                    TrajectoryChunk kept = c.slice(0, keep);
                    jdbc.sql("UPDATE trajectory_chunks SET last_iteration = ?, points = ?, data = ? WHERE job_id = ? AND seq = ?")
                            .params(kept.last(), keep, kept.encode(), id, e.getKey()).update();
                });
    }

    @Override
    public Optional<TrajectoryPoint> lastPoint(String id) {
        ChunkWriter writer = writers.get(id);
        if (writer != null) {
            Optional<TrajectoryPoint> p = writer.last();
            if (p.isPresent()) return p;
        }
        return jdbc.sql("SELECT data FROM trajectory_chunks WHERE job_id = ? ORDER BY seq DESC LIMIT 1").param(id)
                .query((rs, i) -> TrajectoryChunk.decode(rs.getBytes(1))).optional()
                .map(c -> c.point(c.points() - 1));
    }

    @Override
    public TrajectoryWriter trajectoryWriter(Job job) {
        int width = job.request().recording().includePoint() ? job.dimension() : 0;
        ChunkWriter writer = new ChunkWriter(this, job, width);
        // Only a later attempt can find a checkpoint (and the trajectory written up to it) to continue.
        if (job.attempt() > 1) continueAtCheckpoint(job, writer);
        writers.put(job.id(), writer);
        return writer;
    }

    private void continueAtCheckpoint(Job job, ChunkWriter writer) {
        jdbc.sql("SELECT checkpoint_iteration, trajectory_stride, trajectory_offered, trajectory_thinned, "
                        + "(SELECT COALESCE(SUM(points), 0) FROM trajectory_chunks WHERE job_id = ?), "
                        + "(SELECT COALESCE(MAX(seq) + 1, 0) FROM trajectory_chunks WHERE job_id = ?) "
                        + "FROM jobs WHERE id = ? AND checkpoint_iteration IS NOT NULL")
                .params(job.id(), job.id(), job.id())
                .query((ResultSet rs) -> {
                    writer.continueAfter(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getBoolean(4), rs.getInt(5),
                            rs.getInt(6));
                });
    }

    @Override
    public TrajectoryPage trajectory(String id, long after, int limit) {
        TreeMap<Integer, TrajectoryChunk> chunks = chunks(id, after);
        List<TrajectoryPoint> points = new ArrayList<>();
        boolean more = false;
        for (TrajectoryChunk c : chunks.values()) {
            for (int i = 0; i < c.points(); i++) {
                if (c.iteration(i) <= after) continue;
                if (points.size() == limit) {
                    more = true;
                    break;
                }
                points.add(c.point(i));
            }
            if (more) break;
        }
        return new TrajectoryPage(points, total(id), more, thinned(id));
    }

    @Override
    public TrajectoryPage trajectorySpread(String id, int count) {
        TreeMap<Integer, TrajectoryChunk> chunks = chunks(id, Long.MIN_VALUE);
        int width = chunks.isEmpty() ? 0 : chunks.firstEntry().getValue().width();
        TrajectoryChunk all = TrajectoryChunk.concat(new ArrayList<>(chunks.values()), width);
        List<TrajectoryPoint> points = new ArrayList<>();
        for (int i : Downsample.select(all.iterations(), all.losses(), all.points(), count)) points.add(all.point(i));
        return new TrajectoryPage(points, all.points(), false, thinned(id));
    }

    /** Stored chunks ending after {@code after}, merged with what the writer still holds, by sequence number. */
    private TreeMap<Integer, TrajectoryChunk> chunks(String id, long after) {
        TreeMap<Integer, TrajectoryChunk> out = new TreeMap<>();
        ChunkWriter writer = writers.get(id);
        // Memory first, then the store: a chunk committed in between shows up in both, and the key dedupes it.
        if (writer != null) writer.awaitThinned();
        Map<Integer, TrajectoryChunk> pending = writer == null ? Map.of() : writer.pending();
        jdbc.sql("SELECT seq, data FROM trajectory_chunks WHERE job_id = ? AND last_iteration > ? ORDER BY seq")
                .params(id, after)
                .query((ResultSet rs) -> {
                    out.put(rs.getInt(1), TrajectoryChunk.decode(rs.getBytes(2)));
                });
        for (var e : pending.entrySet()) if (e.getValue().last() > after) out.put(e.getKey(), e.getValue());
        return out;
    }

    private int total(String id) {
        ChunkWriter writer = writers.get(id);
        if (writer != null) return writer.total();
        Integer n = jdbc.sql("SELECT COALESCE(SUM(points), 0) FROM trajectory_chunks WHERE job_id = ?").param(id)
                .query(Integer.class).single();
        return n == null ? 0 : n;
    }

    private boolean thinned(String id) {
        ChunkWriter writer = writers.get(id);
        if (writer != null) return writer.thinned;
        return jdbc.sql("SELECT trajectory_thinned FROM jobs WHERE id = ?").param(id).query(Boolean.class).optional()
                .orElse(false);
    }

    /**
     * Counts a chunk's bytes against {@link #MAX_UNWRITTEN_BYTES}, first waiting while the writer
     * thread is that far behind: the only time a run waits for the store, and what keeps the memory
     * of trajectories on their way to the store bounded.
     */
    void hold(TrajectoryChunk chunk) {
        unwritten.acquireUninterruptibly(permits(chunk));
    }

    /** {@link #hold} when there is room now; false (and nothing held) when the run would have to wait. */
    boolean tryHold(TrajectoryChunk chunk) {
        return unwritten.tryAcquire(permits(chunk));
    }

    void unhold(TrajectoryChunk chunk) {
        unwritten.release(permits(chunk));
    }

    /** A chunk's blob, encoded on the writer thread (in a buffer it reuses). */
    byte[] encodeOnWriter(TrajectoryChunk chunk) {
        int need = chunk.maxEncodedBytes();
        if (encodeBuffer.length < need) encodeBuffer = new byte[need];
        return chunk.encode(encodeBuffer);
    }

    /** Trajectory bytes handed to the writer thread and not yet written. */
    int unwrittenBytes() {
        return MAX_UNWRITTEN_BYTES - unwritten.availablePermits();
    }

    /**
     * The memory a chunk takes: its block, which may be longer than its points. A chunk of very wide
     * points may alone exceed the bound; it then waits for all others.
     */
    static int permits(TrajectoryChunk chunk) {
        return (int) Math.min(MAX_UNWRITTEN_BYTES, 8L * chunk.rows().length);
    }

    /** Runs a store operation, retrying transient failures (lock waits that timed out) with growing pauses. */
    static <T> T retrying(java.util.function.Supplier<T> operation) {
        for (int attempt = 1; ; attempt++) {
            try {
                return operation.get();
            } catch (TransientDataAccessException e) {
                if (attempt == STORE_ATTEMPTS) throw e;
                log.warn("A store operation failed (attempt {} of {}), retrying: {}", attempt, STORE_ATTEMPTS, e.getMessage());
                try {
                    Thread.sleep(25L << attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Stops the writer thread after it has written what it was given. */
    public void close() throws InterruptedException {
        writes.close();
        if (journal != null) journal.close();
    }

    /**
     * A line of the journal: an accepted job as its row is first written (kind "job"), or the mark
     * that a job was deleted (kind "deleted").
     */
    record JournalEntry(String kind, String id, String name, String problemType, String optimizerType, int dimension,
                        String createdAt, @com.fasterxml.jackson.annotation.JsonRawValue String request, String fingerprint,
                        int attempt, String node, String owner) {}

    private String journalEntry(Job job, String request) {
        return oneLine(json.writeValueAsString(new JournalEntry("job", job.id(), job.request().name(), job.problemType(),
                job.optimizerType(), job.dimension(), job.createdAt().toString(), request, job.fingerprint(), job.attempt(),
                job.owner(), job.client())));
    }

    /** The mark that a job is gone, so the journal does not bring it back. */
    private String tombstone(String id) {
        return oneLine(json.writeValueAsString(new JournalEntry("deleted", id, null, null, null, 0, null, null, null, 0,
                null, null)));
    }

    /** JSON on one line even if the mapper indents: its line breaks are whitespace between tokens. */
    private static String oneLine(String jsonText) {
        return jsonText.indexOf('\n') < 0 ? jsonText : jsonText.replace("\r", "").replace('\n', ' ');
    }

    /**
     * Ends the journal's segment and queues a flush of the store behind every row queued so far (each
     * job the segment records was queued before it was recorded); once the flush is done, the
     * segment goes.
     */
    private void flushJournal() {
        synchronized (journal) {
            long ended;
            try {
                ended = journal.rotate();
            } catch (RuntimeException e) {
                log.warn("Could not start a new journal segment", e);
                return;
            }
            if (ended >= 0) writes.submit(journalFlush(ended));
        }
    }

    private WriteQueue.Write journalFlush(long ended) {
        return new WriteQueue.Write() {
            @Override
            public void write() {}

            @Override
            public boolean durable() {
                return true;
            }

            @Override
            public boolean alone() {
                return true;
            }

            @Override
            public void committed() {
                if (!journalKept) journal.drop(ended);
            }

            @Override
            public void failed(RuntimeException e) {
                log.warn("Could not flush the store; the journal keeps its segments until a later flush", e);
            }
        };
    }

    /**
     * At start-up: stores each job the journal recorded that the store lacks (the process stopped
     * before its row reached the disk) as queued, for the reclaim to run; then the journal starts afresh.
     */
    private void recoverJournal() {
        List<String> lines = journal.recover();
        java.util.Set<String> deleted = new java.util.HashSet<>();
        List<tools.jackson.databind.JsonNode> jobs = new ArrayList<>();
        for (String line : lines) {
            try {
                tools.jackson.databind.JsonNode entry = json.readTree(line);
                if ("deleted".equals(entry.path("kind").asString())) deleted.add(entry.path("id").asString());
                else jobs.add(entry);
            } catch (RuntimeException e) {
                log.warn("A journal line cannot be read; it is left out: {}", line.length() > 200 ? line.substring(0, 200) + "…" : line);
            }
        }
        int restored = 0;
        for (tools.jackson.databind.JsonNode e : jobs) {
            String id = e.path("id").asString();
            if (deleted.contains(id)) continue;
            try {
                if (restore(e, id)) restored++;
            } catch (RuntimeException failure) {
                log.error("Could not store job {} from the journal; it is left out", id, failure);
            }
        }
        if (restored > 0) {
            durability.await();
            log.info("Stored {} accepted jobs from the journal that had not reached the store before the last stop", restored);
        }
        journal.dropRecovered();
    }

    /** Stores a journalled job as queued unless the store has it; whether it did. */
    private boolean restore(tools.jackson.databind.JsonNode e, String id) {
        if (jdbc.sql("SELECT COUNT(*) FROM jobs WHERE id = ?").param(id).query(Integer.class).single() > 0) return false;
        String request = json.writeValueAsString(e.get("request"));
        Job job = new Job(id, json.readValue(request, JobRequest.class), text(e, "problemType"), text(e, "optimizerType"),
                e.path("dimension").asInt(), Instant.parse(e.path("createdAt").asString()), null, text(e, "fingerprint"))
                .claimedBy(text(e, "node"), e.path("attempt").asInt()).ownedBy(text(e, "owner"));
        insertQueued(job, request);
        return true;
    }

    private static String text(tools.jackson.databind.JsonNode node, String field) {
        tools.jackson.databind.JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    private Job row(ResultSet rs, int rowNumber) throws SQLException {
        JobRequest request = json.readValue(rs.getString("request"), JobRequest.class);
        String progress = rs.getString("progress"), result = rs.getString("result");
        return Job.restore(rs.getString("id"), request, rs.getString("problem_type"), rs.getString("optimizer_type"),
                        rs.getInt("dimension"), instant(rs.getTimestamp("created_at")), rs.getString("idempotency_key"),
                        rs.getString("fingerprint"), JobStatus.valueOf(rs.getString("status")),
                        instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("finished_at")),
                        progress == null ? null : json.readValue(progress, JobProgress.class),
                        result == null ? null : json.readValue(result, StoredResult.class).toResult(),
                        rs.getString("error"))
                .claimedBy(rs.getString("lease_owner"), rs.getInt("attempt"))
                .withThinnedTrajectory(rs.getBoolean("trajectory_thinned"))
                .ownedBy(rs.getString("owner"));
    }

    private String write(Object value) {
        return value == null ? null : json.writeValueAsString(value);
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    /** A result as stored: the problem's extra fields kept apart from the fixed ones. */
    record StoredResult(double[] x, Double loss, Double gradientNorm, long iterations, long functionEvaluations,
                        long gradientEvaluations, StopReason stopReason, String message, Map<String, Object> details) {
        static StoredResult of(JobResult r) {
            return r == null ? null : new StoredResult(r.x(), r.loss(), r.gradientNorm(), r.iterations(),
                    r.functionEvaluations(), r.gradientEvaluations(), r.stopReason(), r.message(), r.details());
        }

        JobResult toResult() {
            return new JobResult(x, loss, gradientNorm, iterations, functionEvaluations, gradientEvaluations, stopReason,
                    message, details == null ? Map.of() : details);
        }
    }

}
