package io.maskgate.server.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The definition of one configuration key. Key names are public API: operators write them.
 *
 * @param name         dotted path; a {@code *} segment matches any one name (e.g. {@code pools.*.numbers}),
 *                     a {@code []} suffix marks the elements of a {@link ConfigType#RECORD_LIST}
 *                     (e.g. {@code admin.tokens[].role})
 * @param presence     whether the key may be absent, and what then
 * @param defaultValue the value used when absent, only for {@link Presence#DEFAULTED}
 * @param sensitive    the resolved value is shown as {@code [hidden]} in the start-up log
 */
public record ConfigKey(
        String name,
        ConfigType type,
        Presence presence,
        Optional<Object> defaultValue,
        Validator validator,
        boolean sensitive,
        String doc) {

    /** What happens when the key is absent from the file. */
    public enum Presence {
        /** Absent -> {@link ConfigKey#defaultValue()}. */
        DEFAULTED,
        /** Absent -> start-up stops. */
        REQUIRED,
        /** Absent -> the feature is off or another key decides (cross-key rules live in the config records). */
        OPTIONAL
    }

    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(presence, "presence");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(validator, "validator");
        Objects.requireNonNull(doc, "doc");
        if ((presence == Presence.DEFAULTED) != defaultValue.isPresent()) {
            throw new IllegalArgumentException(name + ": a default is given exactly when presence is DEFAULTED");
        }
    }

    /** True for keys that exist once per pool, token, ... rather than once per file. */
    boolean isPattern() {
        return name.contains("*") || name.contains("[]");
    }
}
