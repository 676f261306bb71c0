package io.maskgate.smpp.receipt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The message-id map of a single node (quick start, tests): in process memory, expiring after the
 * TTL by the injected clock, and bounded: beyond {@code maxEntries} the oldest entry is dropped
 * (its receipt will not be matched), so a flood of submits cannot exhaust the heap.
 */
public final class InMemoryMessageIdStore implements MessageIdStore {
    private record Entry(ReceiptRoute route, Instant expiresAt) {}

    private final Clock clock;
    private final Duration ttl;
    private final int maxEntries;
    private final Map<String, Entry> entries;

    public InMemoryMessageIdStore(Clock clock, Duration ttl, int maxEntries) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.maxEntries = maxEntries;
        this.entries = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > InMemoryMessageIdStore.this.maxEntries;
            }
        };
    }

    @Override
    public CompletableFuture<Void> put(String smscName, String upstreamMessageId, ReceiptRoute route) {
        Objects.requireNonNull(route, "route");
        synchronized (entries) {
            entries.put(key(smscName, upstreamMessageId), new Entry(route, clock.instant().plus(ttl)));
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Optional<ReceiptRoute>> find(String smscName, String upstreamMessageId) {
        String key = key(smscName, upstreamMessageId);
        synchronized (entries) {
            Entry e = entries.get(key);
            if (e == null) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
            if (!clock.instant().isBefore(e.expiresAt())) {
                entries.remove(key);
                return CompletableFuture.completedFuture(Optional.empty());
            }
            return CompletableFuture.completedFuture(Optional.of(e.route()));
        }
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private static String key(String smscName, String upstreamMessageId) {
        return smscName + '\u0000' + upstreamMessageId;
    }
}
