package dev.descent.dataset;

import dev.descent.store.Durability;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Datasets in the job database, so every node sharing it sees the same datasets: metadata as JSON
 * and the binary file in chunks of {@link #CHUNK_BYTES}. Nodes keep a local copy of the file as a
 * cache and fetch it from here on first use.
 */
final class DatasetStore {
    static final int CHUNK_BYTES = 8 << 20;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private volatile boolean filled;
    private final Durability durability;

    DatasetStore(JdbcClient jdbc, TransactionTemplate tx, JsonMapper json, Durability durability) {
        this.jdbc = jdbc;
        this.durability = durability;
        this.tx = tx;
        this.json = json;
    }

    /** Stores a READY dataset and its file, all or nothing, on disk when this returns. */
    void save(Dataset meta, Path file) {
        tx.executeWithoutResult(status -> {
            jdbc.sql("INSERT INTO datasets (id, created_at, metadata, owner, size_bytes) VALUES (?, ?, ?, ?, ?)")
                    .params(meta.id(), Timestamp.from(meta.createdAt()), json.writeValueAsString(meta), meta.owner(),
                            meta.sizeBytes()).update();
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[CHUNK_BYTES];
                int seq = 0, n;
                while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                    byte[] chunk = n == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, n);
                    jdbc.sql("INSERT INTO dataset_chunks (dataset_id, seq, data) VALUES (?, ?, ?)")
                            .params(meta.id(), seq++, chunk).update();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        durability.await();
    }

    /** Bytes of the stored files of {@code owner}'s datasets, on every node (for the per-client quota). */
    long storedBytes(String owner) {
        if (!filled) {
            synchronized (this) {
                if (!filled) fillOwnerAndSize();
                filled = true;
            }
        }
        return jdbc.sql("SELECT COALESCE(SUM(size_bytes), 0) FROM datasets WHERE owner = ?").param(owner)
                .query(Long.class).single();
    }

    /**
     * Fills the owner and size columns of datasets stored before they existed (migration V5) from
     * their metadata; returns how many rows it filled. Done once per node, before the first count.
     */
    int fillOwnerAndSize() {
        List<Dataset> unfilled = jdbc.sql("SELECT metadata FROM datasets WHERE size_bytes IS NULL")
                .query((ResultSet rs, int i) -> json.readValue(rs.getString(1), Dataset.class)).list();
        for (Dataset d : unfilled) {
            jdbc.sql("UPDATE datasets SET owner = ?, size_bytes = ? WHERE id = ?")
                    .params(d.owner(), d.sizeBytes(), d.id()).update();
        }
        return unfilled.size();
    }

    List<Dataset> list() {
        return jdbc.sql("SELECT metadata FROM datasets ORDER BY created_at DESC, id")
                .query((ResultSet rs, int i) -> json.readValue(rs.getString(1), Dataset.class)).list();
    }

    Optional<Dataset> get(String id) {
        return jdbc.sql("SELECT metadata FROM datasets WHERE id = ?").param(id)
                .query((ResultSet rs, int i) -> json.readValue(rs.getString(1), Dataset.class)).optional();
    }

    boolean delete(String id) {
        return jdbc.sql("DELETE FROM datasets WHERE id = ?").param(id).update() > 0;
    }

    /** Writes the stored file of a dataset to {@code target} (through a temporary file). */
    void fetch(String id, Path target) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".fetch.tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            jdbc.sql("SELECT data FROM dataset_chunks WHERE dataset_id = ? ORDER BY seq").param(id)
                    .query((ResultSet rs) -> {
                        try {
                            out.write(rs.getBytes(1));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
