package io.maskgate.sip.transport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.maskgate.core.metrics.Buckets;
import io.maskgate.sip.codec.SipMessage;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The transport's counters. Names and tag values are constants: no tag value ever comes from a
 * message. All series are registered at start so that dashboards see zeros, not gaps.
 */
public final class SipMetrics {

    /** Well-formed messages received; tags {@link #TAG_TRANSPORT}, {@link #TAG_KIND}. */
    public static final String MESSAGES_RECEIVED = "maskgate_sip_messages_received_total";
    /**
     * Messages refused before the application (malformed, or failed screening); tags
     * {@link #TAG_TRANSPORT}, {@link #TAG_ACTION}.
     */
    public static final String MALFORMED = "maskgate_sip_malformed_total";
    /** Requests received (well-formed, accepted by the screens); tag {@link #TAG_METHOD}. */
    public static final String REQUESTS_RECEIVED = "maskgate_sip_requests_received_total";
    /** Responses received (well-formed, accepted by the screens); tag {@link #TAG_STATUS_CLASS}. */
    public static final String RESPONSES_RECEIVED = "maskgate_sip_responses_received_total";
    /** Responses sent, by the gateway or through it; tag {@link #TAG_STATUS_CLASS}. */
    public static final String RESPONSES_SENT = "maskgate_sip_responses_sent_total";

    /** Connections the gateway opened (TCP, TLS); tag {@link #TAG_TRANSPORT}. */
    public static final String CONNECTIONS_OPENED = "maskgate_sip_connections_opened_total";
    /** Connections the gateway could not open (refused, timed out, TLS handshake failed); tag {@link #TAG_TRANSPORT}. */
    public static final String CONNECT_FAILURES = "maskgate_sip_connect_failures_total";
    /** Connections a peer opened to us that were closed at once: {@code maxConnections} were open; tag {@link #TAG_TRANSPORT}. */
    public static final String CONNECTIONS_REFUSED = "maskgate_sip_connections_refused_total";
    /** TLS handshakes that failed, either direction (untrusted certificate, no client certificate, protocol). */
    public static final String TLS_HANDSHAKE_FAILURES = "maskgate_sip_tls_handshake_failures_total";
    /** Datagrams the kernel dropped on a full SIP UDP receive buffer (Linux; see {@link UdpReceiveDrops}). */
    public static final String UDP_RECEIVE_DROPS = "maskgate_sip_udp_receive_drops_total";
    /** The largest share of its buffer any SIP UDP socket holds unread (Linux; see {@link ReceiveBacklog}). */
    public static final String UDP_RECEIVE_QUEUE_FILL = "maskgate_sip_udp_receive_queue_fill_ratio";
    /** How late the SIP event loops run a task (see {@link LoopLagProbe}), buckets {@link Buckets#LOOP_LAG}. */
    public static final String LOOP_LAG = "maskgate_sip_loop_lag_seconds";
    /** See {@link io.maskgate.sip.codec.SipParser#headerNameCacheClears()}. */
    public static final String HEADER_NAME_CACHE_CLEARS = "maskgate_sip_header_name_cache_clears_total";

    public static final String TAG_TRANSPORT = "transport";
    public static final String TAG_KIND = "kind";
    public static final String TAG_ACTION = "action";
    public static final String TAG_STATUS_CLASS = "status_class";
    /** One of {@link #METHODS}, or {@code other} for an extension method. */
    public static final String TAG_METHOD = "method";

    /** The methods counted by name (RFC 3261 and its common extensions); anything else is {@code other}. */
    public static final List<String> METHODS = List.of("INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER",
            "PRACK", "UPDATE", "INFO", "SUBSCRIBE", "NOTIFY", "REFER", "MESSAGE", "PUBLISH");
    public static final String METHOD_OTHER = "other";

    public static final String KIND_REQUEST = "request";
    public static final String KIND_RESPONSE = "response";
    public static final String ACTION_REJECTED = "rejected";
    public static final String ACTION_DROPPED = "dropped";

    private final Map<SipTransportType, Counter> requests = new EnumMap<>(SipTransportType.class);
    private final Map<SipTransportType, Counter> responses = new EnumMap<>(SipTransportType.class);
    private final Map<SipTransportType, Counter> rejected = new EnumMap<>(SipTransportType.class);
    private final Map<SipTransportType, Counter> dropped = new EnumMap<>(SipTransportType.class);
    private final Map<SipTransportType, Counter> opened = new EnumMap<>(SipTransportType.class);
    private final Map<SipTransportType, Counter> connectFailed = new EnumMap<>(SipTransportType.class);
    private final Map<SipTransportType, Counter> refusedConnections = new EnumMap<>(SipTransportType.class);
    private final Counter[] sentByClass = new Counter[6];
    private final Counter[] receivedByClass = new Counter[6];
    private final Map<String, Counter> requestsByMethod = new HashMap<>();
    private final Counter tlsHandshakeFailures;
    private final MeterRegistry registry;
    /**
     * Held here because micrometer holds a function counter's object only weakly: once collected,
     * the counter would repeat its last reading for ever.
     */
    private UdpReceiveDrops udpReceiveDrops;

    public SipMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (SipTransportType t : SipTransportType.values()) {
            requests.put(t, registry.counter(MESSAGES_RECEIVED, TAG_TRANSPORT, t.label(), TAG_KIND, KIND_REQUEST));
            responses.put(t, registry.counter(MESSAGES_RECEIVED, TAG_TRANSPORT, t.label(), TAG_KIND, KIND_RESPONSE));
            rejected.put(t, registry.counter(MALFORMED, TAG_TRANSPORT, t.label(), TAG_ACTION, ACTION_REJECTED));
            dropped.put(t, registry.counter(MALFORMED, TAG_TRANSPORT, t.label(), TAG_ACTION, ACTION_DROPPED));
            if (t.isStream()) {
                opened.put(t, registry.counter(CONNECTIONS_OPENED, TAG_TRANSPORT, t.label()));
                connectFailed.put(t, registry.counter(CONNECT_FAILURES, TAG_TRANSPORT, t.label()));
                refusedConnections.put(t, registry.counter(CONNECTIONS_REFUSED, TAG_TRANSPORT, t.label()));
            }
        }
        tlsHandshakeFailures = registry.counter(TLS_HANDSHAKE_FAILURES);
        for (int i = 0; i < sentByClass.length; i++) {
            sentByClass[i] = registry.counter(RESPONSES_SENT, TAG_STATUS_CLASS, (i + 1) + "xx");
            receivedByClass[i] = registry.counter(RESPONSES_RECEIVED, TAG_STATUS_CLASS, (i + 1) + "xx");
        }
        for (String method : METHODS) {
            requestsByMethod.put(method, registry.counter(REQUESTS_RECEIVED, TAG_METHOD, method));
        }
        requestsByMethod.put(METHOD_OTHER, registry.counter(REQUESTS_RECEIVED, TAG_METHOD, METHOD_OTHER));
        FunctionCounter.builder(HEADER_NAME_CACHE_CLEARS, io.maskgate.sip.codec.SipParser.class,
                        parser -> io.maskgate.sip.codec.SipParser.headerNameCacheClears())
                .description("Times the parser's cache of header names was emptied after thousands of distinct names")
                .register(registry);
    }

    void received(SipTransportType transport, SipMessage message) {
        if (message.isRequest()) {
            receivedRequest(transport, message.method());
        } else {
            responses.get(transport).increment();
            countByClass(receivedByClass, message.statusCode());
        }
    }

    void receivedRequest(SipTransportType transport, String method) {
        requests.get(transport).increment();
        requestsByMethod.getOrDefault(method, requestsByMethod.get(METHOD_OTHER)).increment();
    }

    void rejected(SipTransportType transport) {
        rejected.get(transport).increment();
    }

    void dropped(SipTransportType transport) {
        dropped.get(transport).increment();
    }

    void connectionOpened(SipTransportType transport) {
        opened.get(transport).increment();
    }

    void connectFailed(SipTransportType transport) {
        connectFailed.get(transport).increment();
    }

    void connectionRefused(SipTransportType transport) {
        refusedConnections.get(transport).increment();
    }

    /** The timer {@link LoopLagProbe} records into. */
    Timer loopLag() {
        return Timer.builder(LOOP_LAG).serviceLevelObjectives(Buckets.LOOP_LAG)
                .description("How late a SIP event loop ran a task it was given").register(registry);
    }

    /** Exports the kernel's drop count of the SIP UDP sockets, read at each scrape. */
    void udpReceiveDrops(UdpReceiveDrops drops) {
        this.udpReceiveDrops = drops;
        FunctionCounter.builder(UDP_RECEIVE_DROPS, drops, UdpReceiveDrops::total)
                .description("Datagrams the kernel dropped because a SIP UDP receive buffer was full")
                .register(registry);
    }

    /** Exports the receive queues' fill as last sampled. */
    void receiveQueueFill(Supplier<ReceiveBacklog> backlog) {
        Gauge.builder(UDP_RECEIVE_QUEUE_FILL, backlog, b -> b.get().fill()).strongReference(true)
                .description("Largest share of its receive buffer a SIP UDP socket held unread at the last sample")
                .register(registry);
    }

    void tlsHandshakeFailed() {
        tlsHandshakeFailures.increment();
    }

    void responseSent(int statusCode) {
        countByClass(sentByClass, statusCode);
    }

    private static void countByClass(Counter[] byClass, int statusCode) {
        int index = statusCode / 100 - 1;
        if (index >= 0 && index < byClass.length) {
            byClass[index].increment();
        }
    }
}
