package dev.descent.store;

/**
 * Makes acknowledged writes survive a crash of the process. A service answers a client only after
 * {@link #await} returns for the writes the answer reports (an accepted job, a stored dataset);
 * other writes may reach the disk a little later and, after a crash, are done again.
 */
@FunctionalInterface
public interface Durability {

    /** Returns once every transaction this thread committed before the call is on disk. */
    void await();

    /** A store whose every commit is durable already (PostgreSQL with {@code synchronous_commit} on). */
    Durability COMMITS = () -> {};
}
