package dev.descent.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** YAML documents as plain maps and lists, and a path walk through them. */
final class Yamls {
    /** The repository root: Maven runs the tests there. */
    static final Path ROOT = Path.of("").toAbsolutePath();

    private Yamls() {}

    static Map<String, Object> load(Path file) {
        return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(read(file)));
    }

    /** Every non-empty document of a multi-document stream. */
    static List<Map<String, Object>> loadAll(String yaml) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            if (doc != null) docs.add(map(doc));
        }
        return docs;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Follows keys (and list indices as numbers) from {@code node}; null where the path ends. */
    static Object at(Object node, Object... path) {
        Object here = node;
        for (Object step : path) {
            if (here instanceof Map<?, ?> m) {
                here = m.get(step);
            } else if (here instanceof List<?> l && step instanceof Integer i) {
                here = i < l.size() ? l.get(i) : null;
            } else {
                return null;
            }
        }
        return here;
    }

    static Map<String, Object> mapAt(Object node, Object... path) {
        Object found = at(node, path);
        if (!(found instanceof Map)) throw new AssertionError("no map at " + List.of(path) + " in " + node);
        return map(found);
    }

    @SuppressWarnings("unchecked")
    static List<Object> listAt(Object node, Object... path) {
        Object found = at(node, path);
        if (!(found instanceof List)) throw new AssertionError("no list at " + List.of(path) + " in " + node);
        return (List<Object>) found;
    }

    static String stringAt(Object node, Object... path) {
        Object found = at(node, path);
        return found == null ? null : String.valueOf(found);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        if (!(o instanceof Map)) throw new AssertionError("not a mapping: " + o);
        return (Map<String, Object>) o;
    }
}
