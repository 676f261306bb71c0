package io.maskgate.core.session.codec;

import java.util.List;
import java.util.Objects;

/**
 * The three sealed entries that make one session: its record and one routing entry per
 * participant. All keys share the session's bucket (one Redis Cluster slot).
 */
public record SessionEntries(Entry session, Entry routingA, Entry routingB) {

    public SessionEntries {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(routingA, "routingA");
        Objects.requireNonNull(routingB, "routingB");
    }

    /** In the order the allocation script expects: routing A, routing B, session. */
    public List<Entry> inScriptOrder() {
        return List.of(routingA, routingB, session);
    }

    /** A key and its sealed value. The value is ciphertext; toString shows only its length. */
    public record Entry(String key, byte[] value) {
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return "Entry[key=" + key + ", value=" + value.length + " bytes]";
        }
    }
}
