package io.maskgate.core.events;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stream entry of an event: flat field/value pairs, absent values left out. The field names
 * are the contract with the consumers (the CDP/analytics stack), so they are constants here; a
 * name is renamed or given another meaning only with a new {@link #VERSION}.
 *
 * <pre>
 *  v            1
 *  type         call_ended            ({@link EventType#wireName()})
 *  time         2025-06-01T10:15:30.123Z
 *  node         gw-a
 *  channel      voice | sms           (absent for session events)
 *  session      0c-Zm9vYmFy
 *  purpose      delivery
 *  caller       rider-77              (pseudonymous)
 *  callee       cust-123              (pseudonymous)
 *  proxy        +918000000001         (our virtual number, E.164)
 *  reason       consent_denied        (refusals: the refusal reason; session_closed: api | expired
 *                                      | revoked | erased)
 *  duration_ms  64000                 (call_ended only)
 *  hungup_by    caller | callee | gateway (call_ended only)
 *  fallback     true                  (call_attempted of an out-of-session caller redirected to the
 *                                      fallback number; reason no_session; absent otherwise)
 *  carrier      carrier-a             (call_connected, call_ended: the sip.carriers name the call
 *                                      came from; absent when none is named for its address)
 *  trunk        sbc-west              (call_connected, call_ended: the sip.trunks name that answered)
 *  esme         oms                   (sms_relayed: the smpp.accounts system_id it came from, MT,
 *                                      or went to, MO)
 *  smsc         smsc-a                (sms_relayed: the smpp.upstreams name it went to, MT, or came
 *                                      from, MO)
 * </pre>
 *
 * <p>Within a version, fields are only added (carrier, trunk, esme and smsc were, in version 1): consumers
 * ignore the ones they do not know.
 */
public final class EventFields {

    public static final String VERSION = "1";

    public static final String V = "v";
    public static final String TYPE = "type";
    public static final String TIME = "time";
    public static final String NODE = "node";
    public static final String CHANNEL = "channel";
    public static final String SESSION = "session";
    public static final String PURPOSE = "purpose";
    public static final String CALLER = "caller";
    public static final String CALLEE = "callee";
    public static final String PROXY = "proxy";
    public static final String REASON = "reason";
    public static final String DURATION_MS = "duration_ms";
    public static final String HUNGUP_BY = "hungup_by";
    public static final String FALLBACK = "fallback";
    public static final String CARRIER = "carrier";
    public static final String TRUNK = "trunk";
    public static final String ESME = "esme";
    public static final String SMSC = "smsc";

    private EventFields() {
    }

    /** The entry's fields in a stable order. */
    public static Map<String, String> of(InteractionEvent e) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put(V, VERSION);
        f.put(TYPE, e.type().wireName());
        f.put(TIME, e.time().toString());
        f.put(NODE, e.node());
        e.type().channel().ifPresent(c -> f.put(CHANNEL, c.tag()));
        e.sessionId().ifPresent(s -> f.put(SESSION, s.value()));
        e.purpose().ifPresent(t -> f.put(PURPOSE, t.value()));
        e.callerId().ifPresent(t -> f.put(CALLER, t.value()));
        e.calleeId().ifPresent(t -> f.put(CALLEE, t.value()));
        e.proxyNumber().ifPresent(p -> f.put(PROXY, p.e164()));
        e.reason().ifPresent(r -> f.put(REASON, r.tag()));
        e.closeReason().ifPresent(r -> f.put(REASON, r.wireName()));
        e.duration().ifPresent(d -> f.put(DURATION_MS, Long.toString(d.toMillis())));
        e.hungUpBy().ifPresent(h -> f.put(HUNGUP_BY, h.wireName()));
        if (e.fallback()) {
            f.put(FALLBACK, "true");
        }
        e.carrier().ifPresent(t -> f.put(CARRIER, t.value()));
        e.trunk().ifPresent(t -> f.put(TRUNK, t.value()));
        e.esme().ifPresent(t -> f.put(ESME, t.value()));
        e.smsc().ifPresent(t -> f.put(SMSC, t.value()));
        return f;
    }
}
