package io.maskgate.sip.b2bua;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The calls in progress, each a pair of dialogs, found by either leg: the inbound leg by Call-ID
 * and the caller's tag (a carrier's Call-ID alone may repeat across carriers), the outbound leg by
 * its Call-ID (ours, random). Bounded: {@link #reserve()} refuses above the maximum, before any
 * state is allocated for the call. A call is forgotten with {@link #remove}.
 *
 * <p>Thread-safe: calls live on different event loops, the sweeper reads from another.
 */
final class DialogTable {

    private final int maxCalls;
    private final AtomicInteger reserved = new AtomicInteger();
    private final ConcurrentHashMap<InboundKey, Call> inbound = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Call> outbound = new ConcurrentHashMap<>();

    DialogTable(int maxCalls) {
        if (maxCalls < 1) {
            throw new IllegalArgumentException("maxCalls must be >= 1");
        }
        this.maxCalls = maxCalls;
    }

    /** Takes a place for a new call; false when the table is full. */
    boolean reserve() {
        while (true) {
            int n = reserved.get();
            if (n >= maxCalls) {
                return false;
            }
            if (reserved.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Gives back a place taken by {@link #reserve()} for a call that was never added. */
    void release() {
        reserved.decrementAndGet();
    }

    /** Adds the inbound leg of a reserved call; false when a call with this key exists (a merged request). */
    boolean addInbound(String callId, String callerTag, Call call) {
        return inbound.putIfAbsent(inboundKey(callId, callerTag), call) == null;
    }

    void addOutbound(String callId, Call call) {
        outbound.put(callId, call);
    }

    Optional<Call> byInbound(String callId, String callerTag) {
        return Optional.ofNullable(inbound.get(inboundKey(callId, callerTag)));
    }

    Optional<Call> byOutbound(String callId) {
        return Optional.ofNullable(outbound.get(callId));
    }

    /** Forgets a call added with {@link #addInbound}; idempotent. */
    void remove(String inboundCallId, String callerTag, Optional<String> outboundCallId, Call call) {
        if (inbound.remove(inboundKey(inboundCallId, callerTag), call)) {
            outboundCallId.ifPresent(id -> outbound.remove(id, call));
            reserved.decrementAndGet();
        }
    }

    /** Calls that started before {@code cutoff} (the max-duration backstop). */
    List<Call> startedBefore(Instant cutoff) {
        List<Call> out = new ArrayList<>();
        long cutoffMillis = cutoff.toEpochMilli();
        for (Call c : inbound.values()) {
            if (c.startedAtMillis() < cutoffMillis) {
                out.add(c);
            }
        }
        return out;
    }

    /** Every call in the table now (a snapshot). */
    List<Call> all() {
        return new ArrayList<>(inbound.values());
    }

    /** Calls in the table, reserved places included. */
    int size() {
        return reserved.get();
    }

    private static InboundKey inboundKey(String callId, String callerTag) {
        return new InboundKey(callId, callerTag);
    }

    /**
     * The inbound leg's key: a record over the strings the call's dialog holds anyway, rather
     * than a concatenation, which would be one more string per call for the life of the call.
     */
    private record InboundKey(String callId, String callerTag) {
        @Override
        public String toString() {
            return "InboundKey"; // Call-IDs and tags may carry numbers
        }
    }

    @Override
    public String toString() {
        return "DialogTable[" + reserved.get() + "/" + maxCalls + "]";
    }
}
