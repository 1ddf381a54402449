package dev.descent.job;

/** Told of every state change of every job, after it is stored; must return quickly. */
@FunctionalInterface
public interface JobStatusListener {
    void statusChanged(Job job);
}
