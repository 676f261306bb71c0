package io.maskgate.core.consent;

import io.maskgate.core.routing.Channel;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * This node's bounded, least-recently-used memory of decisions. Every removal by revocation or
 * {@link #clear()} moves a generation counter; a fetch that began under an older generation may
 * not store its answer ({@link #put}), so an answer fetched before a revocation cannot land here
 * after it. Synchronized: operations are a map lookup, far shorter than any I/O around them.
 */
final class NearCache {

    record Key(String subjectId, String purpose, Channel channel) {
        boolean matches(Revocation r) {
            return subjectId.equals(r.subjectId())
                    && r.purpose().map(purpose::equals).orElse(true)
                    && r.channel().map(channel::equals).orElse(true);
        }
    }

    private final int maxEntries;
    private final Map<Key, CachedDecision> entries;
    private long generation;

    NearCache(int maxEntries) {
        this.maxEntries = maxEntries;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, CachedDecision> eldest) {
                return size() > NearCache.this.maxEntries;
            }
        };
    }

    /** A live decision, dropping an expired one. */
    synchronized Optional<CachedDecision> get(Key key, Instant now) {
        CachedDecision d = entries.get(key);
        if (d == null) {
            return Optional.empty();
        }
        if (!d.isLiveAt(now)) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(d);
    }

    synchronized long generation() {
        return generation;
    }

    /** Stores unless a revocation or clear happened since {@code fetchGeneration} was read. */
    synchronized boolean put(Key key, CachedDecision d, long fetchGeneration) {
        if (fetchGeneration != generation) {
            return false;
        }
        entries.put(key, d);
        return true;
    }

    synchronized void remove(Key key) {
        entries.remove(key);
    }

    synchronized int revoke(Revocation r) {
        generation++;
        int before = entries.size();
        entries.keySet().removeIf(k -> k.matches(r));
        return before - entries.size();
    }

    synchronized void clear() {
        generation++;
        entries.clear();
    }

    synchronized int size() {
        return entries.size();
    }
}
