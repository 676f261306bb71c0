package io.maskgate.sip.policy;

import io.maskgate.sip.codec.SipMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step before any SIP message leaves on a leg: if the encoded message contains the real
 * number of the party on the OTHER leg, in any header or in the body, it must not be sent.
 *
 * <p>The header policy should make this impossible; the guard is the second, independent line
 * that catches a policy mistake, a peer that hides a number in a header we allow, or SDP that
 * names the caller (an {@code o=} username). What to do on a block (fail the call with 500 on the
 * inbound leg) is the B2BUA's job; the guard counts and logs, with the number masked.
 *
 * <p>Cost: one pass over the message's wire bytes per {@link LeakPattern}, in place (the wire form
 * is made once per message and is also what is sent).
 * Thread-safe.
 */
public final class EgressLeakGuard {

    /** Counter: messages not sent because they carried the other party's number; tag {@link #TAG_LEG}. */
    public static final String LEAK_BLOCKED = "maskgate_sip_leak_blocked_total";
    /** The leg the message would have left on: {@code inbound|outbound}. */
    public static final String TAG_LEG = "leg";

    private static final Logger log = LoggerFactory.getLogger(EgressLeakGuard.class);

    private final Map<Leg, Counter> blocked = new EnumMap<>(Leg.class);

    public EgressLeakGuard(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        for (Leg leg : Leg.values()) {
            blocked.put(leg, registry.counter(LEAK_BLOCKED, TAG_LEG, leg.label()));
        }
    }

    /**
     * True when {@code message} may leave on {@code leg}: it does not contain the number of
     * {@code otherParty}. Counts and logs (masked) when it may not.
     */
    public boolean mayLeave(SipMessage message, Leg leg, LeakPattern otherParty) {
        // the message's own wire bytes, scanned in place: no copy per message sent
        return !message.wireContains(otherParty) || blocked(message, leg, otherParty);
    }

    /** As {@link #mayLeave(SipMessage, Leg, LeakPattern)} for a message already encoded. */
    public boolean mayLeave(byte[] encoded, SipMessage message, Leg leg, LeakPattern otherParty) {
        return !otherParty.foundIn(encoded) || blocked(message, leg, otherParty);
    }

    /** Counts and logs a message that may not leave; always false. */
    private boolean blocked(SipMessage message, Leg leg, LeakPattern otherParty) {
        blocked.get(leg).increment();
        log.warn("blocked {} on the {} leg: it carries the other party's number {}", message, leg.label(),
                otherParty.number().masked());
        return false;
    }
}
