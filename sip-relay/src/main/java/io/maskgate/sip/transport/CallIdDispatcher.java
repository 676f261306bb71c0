package io.maskgate.sip.transport;

import io.netty.util.concurrent.EventExecutor;
import java.util.List;

/**
 * Picks the event loop that handles a message: {@code loops[hash(Call-ID) mod n]}.
 *
 * <p>Why: the kernel spreads UDP datagrams over the SO_REUSEPORT sockets by source 4-tuple and
 * TCP connections by accept order, so two messages of one call (a 180 and its 200 from two
 * carrier nodes, or a BYE on a new connection) can be read by different I/O threads. Handing
 * every message to the loop its Call-ID maps to means one thread sees all messages of a call, in
 * the order they were read, with no locks: a 180 can never overtake its 200, and the B2BUA can
 * keep both legs of a dialog on that loop (both legs are keyed by the inbound Call-ID).
 */
final class CallIdDispatcher {

    private final EventExecutor[] loops;

    CallIdDispatcher(List<EventExecutor> loops) {
        if (loops.isEmpty()) {
            throw new IllegalArgumentException("no event loops");
        }
        this.loops = loops.toArray(EventExecutor[]::new);
    }

    EventExecutor loopFor(String callId) {
        return loops[Math.floorMod(callId.hashCode(), loops.length)];
    }
}
