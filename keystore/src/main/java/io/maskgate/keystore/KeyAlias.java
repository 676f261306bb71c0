package io.maskgate.keystore;

import java.util.Optional;

/** A parsed key file alias: {@code <kind prefix>-<positive id>}. */
record KeyAlias(KeyKind kind, int id) {

    KeyAlias {
        if (id < 1) {
            throw new IllegalArgumentException("key id must be positive, was " + id);
        }
    }

    /**
     * @return the alias if it names a MaskGate key; empty for other entries (a key file may also
     *     hold TLS material), which callers skip
     */
    static Optional<KeyAlias> parse(String alias) {
        for (KeyKind kind : KeyKind.values()) {
            String prefix = kind.prefix() + "-";
            // KeyStore implementations may fold alias case; compare case-insensitively.
            if (alias.regionMatches(true, 0, prefix, 0, prefix.length())) {
                return parseId(alias.substring(prefix.length())).map(id -> new KeyAlias(kind, id));
            }
        }
        return Optional.empty();
    }

    private static Optional<Integer> parseId(String digits) {
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        int id = Integer.parseInt(digits);
        return id < 1 ? Optional.empty() : Optional.of(id);
    }

    /** The alias as written to the key file. */
    String alias() {
        return kind.prefix() + "-" + id;
    }
}
