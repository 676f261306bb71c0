package io.maskgate.keystore;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@link KeyFiles#list} tells about one key: never its bytes.
 *
 * @param kind data, index or audit key
 * @param id the key id, unique per kind
 * @param created when the entry was added to the key file
 */
public record KeyInfo(KeyKind kind, int id, Instant created) {

    public KeyInfo {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(created, "created");
    }

    /** The alias in the key file, e.g. {@code data-2}. */
    public String alias() {
        return kind.prefix() + "-" + id;
    }
}
