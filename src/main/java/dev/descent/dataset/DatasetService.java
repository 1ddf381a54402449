package dev.descent.dataset;

import dev.descent.linalg.RowMatrix;
import dev.descent.problem.DataSource;
import dev.descent.problem.DataTable;
import dev.descent.security.Client;
import dev.descent.security.ClientQuotas;
import dev.descent.store.Durability;
import dev.descent.spec.InvalidRequestException;
import dev.descent.spec.Limits;
import jakarta.annotation.PostConstruct;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Uploads, lists, serves and deletes datasets. An upload is parsed as it streams in (capped at
 * {@code descent.limits.max-dataset-bytes}), written as a compact binary file, and stored with its
 * metadata in the job database ({@link DatasetStore}), so every node sharing the database sees it.
 * Each node keeps the file in {@code <data-dir>/datasets/<id>.bin} as a cache (fetching it from the
 * database on first use) and the data in memory once: every job on the dataset shares the same
 * arrays. A dataset whose data cannot be read is reported as FAILED with the reason.
 *
 * <p>A dataset belongs to the {@link Client} that uploaded it: to any other client it does not
 * exist (lists leave it out, reads and problems that name it find nothing).
 */
@Service
public class DatasetService implements DataSource {
    private static final Logger log = LoggerFactory.getLogger(DatasetService.class);

    private final Path directory;
    private final long maxBytes;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ObjectProvider<DatasetUsage> usage;
    private final DatasetStore store;
    private final ClientQuotas quotas;
    /** Uploads in progress on this node, and datasets whose data this node has loaded. */
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** A dataset's metadata and, once READY, its data. */
    private record Entry(Dataset meta, DataTable table) {}

    public DatasetService(@Value("${descent.data-dir:./data}") Path dataDir, Limits limits,
                          ObjectProvider<DatasetUsage> usage, javax.sql.DataSource database,
                          PlatformTransactionManager transactions, ClientQuotas quotas, Durability durability) {
        this.directory = dataDir.resolve("datasets");
        this.maxBytes = limits.maxDatasetBytes().toBytes();
        this.usage = usage;
        this.store = new DatasetStore(JdbcClient.create(database), new TransactionTemplate(transactions), json, durability);
        this.quotas = quotas;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Clears what an interrupted upload or fetch left in the local cache directory. */
    @PostConstruct
    void loadStored() throws IOException {
        Files.createDirectories(directory);
        try (DirectoryStream<Path> tmp = Files.newDirectoryStream(directory, "*.tmp")) {
            for (Path p : tmp) Files.deleteIfExists(p);
        }
    }

    /**
     * Reads an upload. {@code field} names the part of the request the data came in ({@code body}
     * or {@code file}) in error messages.
     *
     * @throws InvalidRequestException  malformed data (400)
     * @throws DatasetTooLargeException the upload passed the cap (413)
     * @throws dev.descent.security.QuotaExceededException the client's datasets would pass its storage quota (409)
     */
    public Dataset upload(String name, String label, DatasetFormat format, InputStream body, String field)
            throws IOException {
        String client = Client.current();
        if (client != null) quotas.checkDatasetStorage(client, store.storedBytes(client), 0);
        String id = UUID.randomUUID().toString();
        boolean sparse = format == DatasetFormat.LIBSVM;
        Instant now = Instant.now();
        String shownName = name != null && !name.isBlank() ? name : id;
        Dataset loading = Dataset.loading(id, shownName, sparse ? (label != null ? label : "label") : label, sparse, now,
                Client.current());
        entries.put(id, new Entry(loading, null));
        boolean stored = false;
        try {
            CappedInputStream in = new CappedInputStream(body, maxBytes,
                    bytes -> entries.computeIfPresent(id, (k, e) -> new Entry(e.meta().withBytesRead(bytes), null)));
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            DatasetSink.Parsed parsed;
            List<String> featureNames;
            String labelName;
            try (DatasetSink sink = new DatasetSink(directory, id, sparse, field)) {
                if (sparse) {
                    LibsvmReader.read(reader, sink, field);
                    labelName = loading.label();
                    featureNames = null;
                } else {
                    CsvReader.Header header = CsvReader.read(reader, sink, label, field);
                    labelName = header.label();
                    featureNames = header.featureNames();
                }
                parsed = sink.finish();
            }
            RowMatrix matrix = parsed.matrix();
            if (matrix.columns() == 0) throw new InvalidRequestException(field, "has no feature values in any row");
            if (featureNames == null) {
                featureNames = IntStream.rangeClosed(1, matrix.columns()).mapToObj(j -> "f" + j).toList();
            }
            long size = DatasetFiles.write(directory.resolve(id + ".bin"), matrix, parsed.labels().values());
            // Counted again now that the size is known: uploads on other nodes may have finished meanwhile.
            if (client != null) quotas.checkDatasetStorage(client, store.storedBytes(client), size);
            Dataset ready = new Dataset(id, shownName, Dataset.READY, matrix.rows(), matrix.columns(), featureNames,
                    labelName, parsed.labels().classes(), parsed.labels().strings(), sparse, matrix.storedEntries(),
                    size, in.count(), now, null, loading.owner());
            store.save(ready, directory.resolve(id + ".bin"));
            stored = true;
            entries.put(id, new Entry(ready, table(ready, matrix, parsed.labels().values())));
            log.info("Dataset {} '{}': {} rows × {} columns, {} stored entries", id, shownName, matrix.rows(),
                    matrix.columns(), matrix.storedEntries());
            return ready;
        } finally {
            if (!stored) {
                entries.remove(id);
                Files.deleteIfExists(directory.resolve(id + ".bin"));
            }
        }
    }

    /** Newest first: every node's datasets from the store, and uploads still loading here. */
    public List<Dataset> list() {
        List<Dataset> all = new ArrayList<>(store.list());
        for (Entry e : entries.values()) if (Dataset.LOADING.equals(e.meta().status())) all.add(e.meta());
        all.removeIf(d -> !Client.mayAccess(d.owner()));
        all.sort(Comparator.comparing(Dataset::createdAt).reversed().thenComparing(Dataset::id));
        return all;
    }

    public Dataset get(String id) {
        Entry e = entries.get(id);
        if (e != null && Dataset.LOADING.equals(e.meta().status())) return visible(e.meta());
        Optional<Dataset> stored = store.get(id);
        if (stored.isEmpty()) {
            entries.remove(id);
            throw new DatasetNotFoundException(id);
        }
        return visible(e != null && e.table() == null ? e.meta() : stored.get());
    }

    private static Dataset visible(Dataset meta) {
        if (!Client.mayAccess(meta.owner())) throw new DatasetNotFoundException(meta.id());
        return meta;
    }

    /** Removes the dataset everywhere; jobs already running on it keep their data until they end. */
    public void delete(String id) {
        Dataset meta = get(id);
        if (Dataset.LOADING.equals(meta.status())) {
            throw new DatasetInUseException("Dataset " + id + " is still loading");
        }
        DatasetUsage jobs = usage.getIfAvailable();
        if (jobs != null && jobs.inUse(id)) {
            throw new DatasetInUseException("Dataset " + id + " is used by a queued or running job; cancel it or wait");
        }
        store.delete(id);
        entries.remove(id);
        try {
            Files.deleteIfExists(directory.resolve(id + ".bin"));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The data of a dataset, loaded once per node: from the local cache file, fetched from the
     * store first when this node did not receive the upload. On a request, only the current
     * {@link Client}'s datasets are found; a job's worker, outside any request, finds its dataset.
     */
    @Override
    public Optional<DataTable> find(String id) {
        Entry e = entries.get(id);
        if (e != null && Dataset.LOADING.equals(e.meta().status())) {
            return Client.mayAccess(e.meta().owner()) ? Optional.of(placeholder(e.meta())) : Optional.empty();
        }
        Optional<Dataset> stored = store.get(id);
        if (stored.isEmpty()) {
            entries.remove(id); // deleted, perhaps on another node
            return Optional.empty();
        }
        if (!Client.mayAccess(stored.get().owner())) return Optional.empty(); // another client's: not there
        if (e != null) return Optional.of(e.table() != null ? e.table() : placeholder(e.meta()));
        synchronized (this) {
            Entry loaded = entries.get(id);
            if (loaded == null) {
                loaded = load(stored.get());
                entries.put(id, loaded);
            }
            return Optional.of(loaded.table() != null ? loaded.table() : placeholder(loaded.meta()));
        }
    }

    private Entry load(Dataset meta) {
        Path file = directory.resolve(meta.id() + ".bin");
        try {
            DatasetFiles.Contents c;
            if (Files.exists(file)) {
                try {
                    c = DatasetFiles.read(file);
                } catch (IOException | RuntimeException damagedCache) {
                    log.warn("The cached file of dataset {} is damaged; fetching it again", meta.id(), damagedCache);
                    store.fetch(meta.id(), file);
                    c = DatasetFiles.read(file);
                }
            } else {
                store.fetch(meta.id(), file);
                c = DatasetFiles.read(file);
            }
            return new Entry(meta, table(meta, c.matrix(), c.labels()));
        } catch (IOException | RuntimeException ex) {
            log.warn("Dataset {} could not be loaded", meta.id(), ex);
            return new Entry(meta.withStatus(Dataset.FAILED, "the stored data could not be read: " + ex.getMessage()), null);
        }
    }

    private static DataTable placeholder(Dataset m) {
        return new DataTable(m.id(), m.status(), null, null, m.classes(), m.stringLabels(), m.featureNames(), m.label());
    }

    private static DataTable table(Dataset meta, RowMatrix matrix, double[] labels) {
        return new DataTable(meta.id(), Dataset.READY, matrix, labels, meta.classes(), meta.stringLabels(),
                meta.featureNames(), meta.label());
    }
}
