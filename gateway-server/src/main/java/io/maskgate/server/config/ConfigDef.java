package io.maskgate.server.config;

import io.maskgate.server.config.ConfigKey.Presence;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A set of key definitions and the walk that turns a parsed YAML tree into {@link ConfigValues}:
 * every known key typed and validated, absent keys defaulted or reported, unknown keys collected
 * for a warning, and inline secrets refused.
 */
public final class ConfigDef {

    /** Last path segments that mean "a secret written into the file", which we never accept. */
    private static final Set<String> INLINE_SECRET_NAMES = Set.of("password", "passwd", "passphrase", "secret", "token", "apikey");

    private final Map<String, ConfigKey> keys = new LinkedHashMap<>();

    /** A key with a default. */
    public ConfigDef define(String name, ConfigType type, Object defaultValue, Validator validator, String doc) {
        return add(new ConfigKey(name, type, Presence.DEFAULTED, Optional.of(defaultValue), validator, false, doc));
    }

    /** A key that must be present. */
    public ConfigDef defineRequired(String name, ConfigType type, Validator validator, String doc) {
        return add(new ConfigKey(name, type, Presence.REQUIRED, Optional.empty(), validator, false, doc));
    }

    /** A key that may be absent without a default. */
    public ConfigDef defineOptional(String name, ConfigType type, Validator validator, String doc) {
        return add(new ConfigKey(name, type, Presence.OPTIONAL, Optional.empty(), validator, false, doc));
    }

    /** A required key whose value is hidden in the start-up log. */
    public ConfigDef defineSensitive(String name, ConfigType type, Validator validator, String doc) {
        return add(new ConfigKey(name, type, Presence.REQUIRED, Optional.empty(), validator, true, doc));
    }

    private ConfigDef add(ConfigKey key) {
        if (keys.putIfAbsent(key.name(), key) != null) {
            throw new IllegalArgumentException("key defined twice: " + key.name());
        }
        return this;
    }

    public Collection<ConfigKey> keys() {
        return Collections.unmodifiableCollection(keys.values());
    }

    Optional<ConfigKey> keyFor(String path) {
        return keys.values().stream().filter(k -> KeyPaths.matches(k.name(), path)).findFirst();
    }

    /**
     * Types, validates and defaults the values of {@code root} (the document's top-level mapping).
     *
     * @throws ConfigException for the first invalid, missing or inline-secret key
     */
    public ConfigValues parse(Map<?, ?> root) {
        Walk walk = new Walk();
        walk.mapping("", root);
        applyPresence(walk.values, "", keys.values().stream().filter(k -> !k.isPattern()).toList());
        return new ConfigValues(this, walk.values, walk.unknown);
    }

    private void applyPresence(Map<String, Object> values, String prefix, List<ConfigKey> defs) {
        for (ConfigKey key : defs) {
            String path = prefix.isEmpty() ? key.name() : prefix + key.name().substring(key.name().indexOf("[]") + 2);
            if (values.containsKey(path)) {
                continue;
            }
            switch (key.presence()) {
                case DEFAULTED -> values.put(path, key.defaultValue().orElseThrow());
                case REQUIRED -> throw new ConfigException(path, "is required (" + key.doc() + ")");
                case OPTIONAL -> { }
                default -> throw new IllegalStateException("unhandled presence " + key.presence());
            }
        }
    }

    /** One pass over the tree; collects typed values by concrete path. */
    private final class Walk {
        final Map<String, Object> values = new LinkedHashMap<>();
        final List<String> unknown = new ArrayList<>();

        void mapping(String path, Map<?, ?> node) {
            for (Map.Entry<?, ?> e : node.entrySet()) {
                entry(KeyPaths.child(path, String.valueOf(e.getKey())), e.getValue());
            }
        }

        private void entry(String path, Object raw) {
            Optional<ConfigKey> key = keyFor(path);
            if (key.isPresent()) {
                if (raw != null) {
                    value(path, key.get(), raw);
                }
                return;
            }
            boolean section = keys.keySet().stream().anyMatch(name -> KeyPaths.isSectionOf(path, name));
            if (!section) {
                unknownKey(path);
            } else if (raw instanceof Map<?, ?> m) {
                mapping(path, m);
            } else if (raw != null) {
                throw new ConfigException(path, "must be a mapping (a section of keys), was " + ConfigType.shapeOf(raw));
            }
        }

        private void value(String path, ConfigKey key, Object raw) {
            Object typed = key.type().convert(path, raw);
            if (key.type() == ConfigType.RECORD_LIST) {
                recordList(path, key, (List<?>) typed);
                return;
            }
            Optional<String> problem = key.validator().problem(typed);
            if (problem.isPresent()) {
                throw new ConfigException(path, problem.get());
            }
            values.put(path, typed);
        }

        private void recordList(String path, ConfigKey key, List<?> elements) {
            List<ConfigKey> fields = keys.values().stream()
                    .filter(k -> k.name().startsWith(key.name() + "[]."))
                    .toList();
            for (int i = 0; i < elements.size(); i++) {
                String elementPath = path + "[" + i + "]";
                if (!(elements.get(i) instanceof Map<?, ?> m)) {
                    throw new ConfigException(elementPath, "must be a mapping with keys "
                            + fields.stream().map(f -> f.name().substring(key.name().length() + 3)).toList());
                }
                mapping(elementPath, m);
                applyPresence(values, elementPath, fields);
            }
            values.put(path, elements.size());
        }

        private void unknownKey(String path) {
            String last = path.substring(path.lastIndexOf('.') + 1).replaceAll("\\[\\d+]", "");
            if (INLINE_SECRET_NAMES.contains(last.toLowerCase(Locale.ROOT))) {
                throw new ConfigException(path, "secrets are never written into the conf file; put the value in an "
                        + "environment variable or a file readable only by the gateway user and name it with the "
                        + "matching *Env or *File key (e.g. keystore.passwordEnv or keystore.passwordFile)");
            }
            unknown.add(path);
        }
    }
}
