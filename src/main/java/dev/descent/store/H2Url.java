package dev.descent.store;

import java.nio.file.Path;
import java.util.Optional;

/** What an H2 JDBC URL says about where the database lives. */
public final class H2Url {
    private H2Url() {}

    /**
     * The database file's path (without H2's {@code .mv.db}) for an embedded file database:
     * {@code jdbc:h2:file:<path>} or {@code jdbc:h2:<path>}, settings after {@code ;} left out, a
     * leading {@code ~} meaning the user's home as H2 takes it. Empty for other URLs: in-memory, a
     * server ({@code tcp:}, {@code ssl:}), a zip file, a file system prefix such as {@code nioMapped:},
     * or not H2 at all.
     */
    public static Optional<Path> file(String url) {
        if (url == null || !url.startsWith("jdbc:h2:")) return Optional.empty();
        String rest = url.substring("jdbc:h2:".length());
        int settings = rest.indexOf(';');
        if (settings >= 0) rest = rest.substring(0, settings);
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        } else {
            int colon = rest.indexOf(':');
            // "C:/data/descent" is a path; "mem:x", "tcp://…", "split:…" are not.
            if (colon > 1) return Optional.empty();
        }
        if (rest.isEmpty()) return Optional.empty();
        if (rest.startsWith("~")) rest = System.getProperty("user.home") + rest.substring(1);
        return Optional.of(Path.of(rest));
    }
}
