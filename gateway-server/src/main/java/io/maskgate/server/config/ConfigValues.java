package io.maskgate.server.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The typed values of one conf file by concrete path, defaults applied. The config records read
 * from here; nothing else does.
 */
public final class ConfigValues {

    private final ConfigDef def;
    private final Map<String, Object> values;
    private final List<String> unknownKeys;

    ConfigValues(ConfigDef def, Map<String, Object> values, List<String> unknownKeys) {
        this.def = def;
        this.values = Map.copyOf(values);
        this.unknownKeys = List.copyOf(unknownKeys);
    }

    /** Paths present in the file that no key defines, in file order (the loader warns about each once). */
    public List<String> unknownKeys() {
        return unknownKeys;
    }

    public String string(String path) {
        return (String) require(path);
    }

    public Optional<String> optionalString(String path) {
        return Optional.ofNullable((String) values.get(path));
    }

    public int integer(String path) {
        return (Integer) require(path);
    }

    public boolean bool(String path) {
        return (Boolean) require(path);
    }

    @SuppressWarnings("unchecked")
    public List<String> strings(String path) {
        Object v = values.get(path);
        return v == null ? List.of() : (List<String>) v;
    }

    /** Number of elements of a record list ({@code admin.tokens}); 0 when absent. */
    public int size(String path) {
        Object v = values.get(path);
        return v == null ? 0 : (Integer) v;
    }

    public boolean contains(String path) {
        return values.containsKey(path);
    }

    /** The names under a wildcard section: for {@code pools} the pool names, in file order. */
    public Set<String> childNames(String sectionPath) {
        String prefix = sectionPath + ".";
        Set<String> names = new LinkedHashSet<>();
        for (String path : values.keySet()) {
            if (path.startsWith(prefix)) {
                String rest = path.substring(prefix.length());
                int dot = rest.indexOf('.');
                names.add(dot < 0 ? rest : rest.substring(0, dot));
            }
        }
        return names;
    }

    /**
     * Every resolved value by concrete path ({@code sip.trunks[0].weight}), defaults included: what
     * a conf reload compares. Values are immutable (String, Integer, Boolean, List of String).
     */
    public Map<String, Object> asMap() {
        return values;
    }

    /**
     * One {@code key = value} line per resolved value, sorted by path, sensitive values as
     * {@code [hidden]}: what the gateway logs at start so that an operator sees the effective conf.
     */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        new TreeMap<>(values).forEach((path, value) -> {
            boolean hidden = def.keyFor(path).map(ConfigKey::sensitive).orElse(true);
            lines.add(path + " = " + (hidden ? "[hidden]" : value));
        });
        return lines;
    }

    private Object require(String path) {
        Object v = values.get(path);
        if (v == null) {
            throw new ConfigException(path, "is required");
        }
        return v;
    }
}
