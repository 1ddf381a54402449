package dev.descent.api;

import dev.descent.job.Job;
import dev.descent.job.JobRepository;
import dev.descent.job.JobStatus;
import dev.descent.job.JobStatusListener;
import dev.descent.job.TrajectoryPoint;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-Sent Events for jobs. One thread serves every stream: each tick (every 50 ms, so at most
 * 20 iteration events a second per stream) it reads each watched job's newest recorded point once
 * and sends it to all of that job's streams that have not seen it; status changes are pushed as
 * they happen, in order, on the same thread. A stream ends after its job's final status, and every
 * stream is completed when the server stops, so graceful shutdown never waits on one.
 */
@Component
class JobEventHub implements JobStatusListener, SmartLifecycle {
    static final Duration TICK = Duration.ofMillis(50);
    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private static final Logger log = LoggerFactory.getLogger(JobEventHub.class);

    private final JobRepository repository;
    /** Made on start and shut down on stop: a context may be stopped and started again (test contexts are). */
    private volatile ScheduledExecutorService thread = newThread();
    private final Map<String, Set<Stream>> streams = new ConcurrentHashMap<>();
    private volatile boolean running;
    private long lastHeartbeat = System.nanoTime();

    JobEventHub(JobRepository repository) {
        this.repository = repository;
    }

    /** One client's stream: the last iteration it was sent and the last status. */
    private static final class Stream {
        final SseEmitter emitter;
        long lastIteration;
        JobStatus lastStatus;
        boolean closed;

        Stream(SseEmitter emitter, long lastIteration) {
            this.emitter = emitter;
            this.lastIteration = lastIteration;
        }
    }

    /**
     * Opens a stream for a job; {@code after} is the last iteration the client has (Last-Event-ID),
     * or -1. The caller has checked that the job exists.
     */
    SseEmitter open(Job job, long after) {
        SseEmitter emitter = new SseEmitter(0L);
        Stream stream = new Stream(emitter, after);
        Runnable remove = () -> onThread(() -> forget(job.id(), stream));
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        boolean accepted = onThread(() -> {
            if (!running) {
                emitter.complete();
                return;
            }
            streams.computeIfAbsent(job.id(), k -> new CopyOnWriteArraySet<>()).add(stream);
            Job current = repository.find(job.id()).orElse(job);
            if (current.status().finished()) {
                // The stream of a finished job is its newest point, then its final status.
                sendNewest(current.id(), stream);
                sendStatus(current, stream);
                close(current.id(), stream);
            } else {
                sendStatus(current, stream);
                sendNewest(current.id(), stream);
            }
        });
        if (!accepted) emitter.complete();
        return emitter;
    }

    @Override
    public void statusChanged(Job job) {
        if (!running || !streams.containsKey(job.id())) return;
        onThread(() -> {
            Set<Stream> set = streams.get(job.id());
            if (set == null) return;
            for (Stream s : set) {
                if (job.status().finished()) sendNewest(job.id(), s); // the final point before the final status
                sendStatus(job, s);
                if (job.status().finished()) close(job.id(), s);
            }
        });
    }

    private void tick() {
        try {
            boolean heartbeat = System.nanoTime() - lastHeartbeat >= HEARTBEAT.toNanos();
            if (heartbeat) lastHeartbeat = System.nanoTime();
            for (Map.Entry<String, Set<Stream>> e : streams.entrySet()) {
                Optional<TrajectoryPoint> newest = repository.lastPoint(e.getKey());
                for (Stream s : e.getValue()) {
                    if (newest.isPresent() && newest.get().iteration() > s.lastIteration) send(e.getKey(), s, newest.get());
                    else if (heartbeat) comment(e.getKey(), s);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Event tick failed", e);
        }
    }

    private void sendNewest(String jobId, Stream s) {
        repository.lastPoint(jobId).filter(p -> p.iteration() > s.lastIteration).ifPresent(p -> send(jobId, s, p));
    }

    private void send(String jobId, Stream s, TrajectoryPoint point) {
        try {
            s.emitter.send(SseEmitter.event().name("iteration").id(Long.toString(point.iteration()))
                    .data(point, MediaType.APPLICATION_JSON));
            s.lastIteration = point.iteration();
        } catch (IOException | IllegalStateException e) {
            drop(jobId, s);
        }
    }

    private void sendStatus(Job job, Stream s) {
        if (s.closed || job.status() == s.lastStatus) return;
        try {
            s.emitter.send(SseEmitter.event().name("status").data(JobView.of(job), MediaType.APPLICATION_JSON));
            s.lastStatus = job.status();
        } catch (IOException | IllegalStateException e) {
            drop(job.id(), s);
        }
    }

    private void comment(String jobId, Stream s) {
        try {
            s.emitter.send(SseEmitter.event().comment("heartbeat"));
        } catch (IOException | IllegalStateException e) {
            drop(jobId, s);
        }
    }

    private void close(String jobId, Stream s) {
        if (s.closed) return;
        s.closed = true;
        forget(jobId, s);
        s.emitter.complete();
    }

    private void drop(String jobId, Stream s) {
        s.closed = true;
        forget(jobId, s);
        s.emitter.completeWithError(new IOException("client gone"));
    }

    private void forget(String jobId, Stream s) {
        streams.computeIfPresent(jobId, (k, set) -> {
            set.remove(s);
            return set.isEmpty() ? null : set;
        });
    }

    /** Streams open now, for tests and metrics. */
    int openStreams() {
        return streams.values().stream().mapToInt(Set::size).sum();
    }

    /** Runs a task on the events thread; false when the hub has stopped. */
    private boolean onThread(Runnable task) {
        try {
            thread.execute(task);
            return true;
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            return false;
        }
    }

    private static ScheduledExecutorService newThread() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "descent-events");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public synchronized void start() {
        if (thread.isShutdown()) thread = newThread();
        running = true;
        thread.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        running = false;
        try {
            thread.submit(() -> {
                for (var e : streams.entrySet()) for (Stream s : e.getValue()) close(e.getKey(), s);
            }).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("Could not close every event stream cleanly", e);
        }
        thread.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server's graceful shutdown, which would otherwise wait for the streams. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
