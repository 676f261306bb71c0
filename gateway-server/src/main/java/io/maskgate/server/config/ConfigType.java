package io.maskgate.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The YAML shapes a key may take. Strict on purpose: {@code port: "8080"} is rejected rather than
 * guessed, so a quoting mistake is found at start-up, not at 3 a.m.
 */
public enum ConfigType {
    STRING("a string"),
    INT("an integer"),
    BOOLEAN("true or false"),
    /** A YAML sequence of scalars, each kept as a string. */
    STRING_LIST("a list of strings"),
    /** A YAML sequence of mappings; the fields of each element are keys named {@code <list>[].<field>}. */
    RECORD_LIST("a list of mappings");

    private final String description;

    ConfigType(String description) {
        this.description = description;
    }

    /**
     * Converts a value read by snakeyaml-engine into this type's Java form
     * ({@code String}, {@code Integer}, {@code Boolean}, {@code List<String>}, {@code List<Map>}).
     *
     * @throws ConfigException naming {@code key} if the value has another shape
     */
    Object convert(String key, Object raw) {
        switch (this) {
            case STRING:
                if (raw instanceof String s) {
                    return s;
                }
                break;
            case INT:
                if (raw instanceof Integer || raw instanceof Long) {
                    long v = ((Number) raw).longValue();
                    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                        throw new ConfigException(key, "must be an integer of at most 10 digits, was " + v);
                    }
                    return (int) v;
                }
                break;
            case BOOLEAN:
                if (raw instanceof Boolean b) {
                    return b;
                }
                break;
            case STRING_LIST:
                if (raw instanceof List<?> list) {
                    return strings(key, list);
                }
                break;
            case RECORD_LIST:
                if (raw instanceof List<?> list) {
                    return list;
                }
                break;
            default:
                throw new IllegalStateException("unhandled type " + this);
        }
        throw new ConfigException(key, "must be " + description + ", was " + shapeOf(raw));
    }

    private static List<String> strings(String key, List<?> list) {
        List<String> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (item instanceof String s) {
                out.add(s);
            } else {
                throw new ConfigException(key + "[" + i + "]", "must be a string, was " + shapeOf(item)
                        + " (quote values such as phone numbers: \"+91...\")");
            }
        }
        return List.copyOf(out);
    }

    /** Names a YAML value's shape without repeating the value itself (it may be a secret or a number). */
    static String shapeOf(Object raw) {
        if (raw == null) {
            return "empty";
        }
        if (raw instanceof String) {
            return "a string";
        }
        if (raw instanceof Number) {
            return "a number";
        }
        if (raw instanceof Boolean) {
            return "a boolean";
        }
        if (raw instanceof List) {
            return "a list";
        }
        if (raw instanceof Map) {
            return "a mapping";
        }
        return raw.getClass().getSimpleName();
    }
}
