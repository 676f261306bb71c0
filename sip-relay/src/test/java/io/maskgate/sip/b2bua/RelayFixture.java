package io.maskgate.sip.b2bua;

import io.maskgate.core.events.EventPublisher;
import io.maskgate.core.events.NoopEventPublisher;
import io.maskgate.core.number.NumberNormalizer;
import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.pool.NumberPool;
import io.maskgate.core.pool.NumberPools;
import io.maskgate.core.routing.AllowAllConsent;
import io.maskgate.core.routing.Router;
import io.maskgate.core.session.Participant;
import io.maskgate.core.session.SessionRequest;
import io.maskgate.core.session.SessionStore;
import io.maskgate.core.session.memory.InMemorySessionStore;
import io.maskgate.keystore.KeyRing;
import io.maskgate.sip.transport.SipTransportOptions;
import io.maskgate.sip.trunk.TrunkHealthOptions;
import io.maskgate.sip.trunk.TrunkAttemptResult;
import io.maskgate.sip.trunk.TrunkGroup;
import io.maskgate.sip.trunk.TrunkOptions;
import io.maskgate.testing.FreePorts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * An in-process {@link SipRelay} on 127.0.0.1 with the real Router over an in-memory session store
 * (or any store given), allow-all consent, and one trunk on a free UDP port of 127.0.0.1 where the
 * test puts its callee (sipp or a socket). One session binds CALLER and CALLEE on PROXY.
 */
final class RelayFixture implements AutoCloseable {

    static final PhoneNumber CALLER = PhoneNumber.ofE164("+919812345678");
    static final PhoneNumber CALLEE = PhoneNumber.ofE164("+917766554433");
    static final PhoneNumber PROXY = PhoneNumber.ofE164("+918800001111");
    static final PhoneNumber STRANGER = PhoneNumber.ofE164("+919000000001");

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final int trunkPort;
    final SipRelay relay;
    private final SessionStore store;

    RelayFixture(B2buaOptions options) {
        this(options, null);
    }

    /** @param store a store to use instead of the in-memory one holding the session (no session is created in it) */
    RelayFixture(B2buaOptions options, SessionStore store) {
        this(options, store, List.of());
    }

    /** @param extraTrunkPorts more trunks on these 127.0.0.1 ports, priorities 20, 30, ... after the main one (10) */
    RelayFixture(B2buaOptions options, SessionStore store, List<Integer> extraTrunkPorts) {
        this(options, store, extraTrunkPorts, UnaryOperator.identity(), UnaryOperator.identity());
    }

    /**
     * @param mainTrunk changes to the main trunk (transport, udpOnly ...)
     * @param transport changes to the relay's transport options (TLS, MTU ...)
     */
    RelayFixture(B2buaOptions options, SessionStore store, List<Integer> extraTrunkPorts,
            UnaryOperator<TrunkOptions.Builder> mainTrunk, UnaryOperator<SipTransportOptions.Builder> transport) {
        this(options, store, extraTrunkPorts, mainTrunk, transport, NoopEventPublisher.INSTANCE);
    }

    /** @param events where the relay publishes {@code call_connected} and {@code call_ended} */
    static RelayFixture withEvents(B2buaOptions options, EventPublisher events) {
        return new RelayFixture(options, null, List.of(), UnaryOperator.identity(), UnaryOperator.identity(), events);
    }

    private RelayFixture(B2buaOptions options, SessionStore store, List<Integer> extraTrunkPorts,
            UnaryOperator<TrunkOptions.Builder> mainTrunk, UnaryOperator<SipTransportOptions.Builder> transport,
            EventPublisher events) {
        NumberNormalizer normalizer = new NumberNormalizer("91");
        if (store == null) {
            InMemorySessionStore memory = new InMemorySessionStore(
                    NumberPools.of(new NumberPool("riders", List.of(PROXY))), KeyRing.forTesting(new SecureRandom()),
                    Clock.systemUTC());
            memory.create(new SessionRequest("delivery", Duration.ofHours(1), "order-1", "riders",
                    new Participant("cust-1", CALLER), new Participant("rider-1", CALLEE)))
                    .orTimeout(5, TimeUnit.SECONDS).join();
            this.store = memory;
        } else {
            this.store = store;
        }
        this.trunkPort = FreePorts.tcpAndUdp();
        Router router = new Router(normalizer, this.store, new AllowAllConsent(), registry);
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", 0);
        this.relay = SipRelay.builder(router, normalizer, registry)
                .transport(transport.apply(SipTransportOptions.builder().udpBindAddresses(List.of(local))
                        .tcpBindAddresses(List.of(local)).ioThreads(2)).build())
                .b2bua(options)
                .trunks(trunks(trunkPort, extraTrunkPorts, mainTrunk))
                .trunkHealth(TrunkHealthOptions.builder().pingInterval(Duration.ZERO).build())
                .eventPublisher(events)
                .start();
    }

    private static List<TrunkOptions> trunks(int main, List<Integer> extra, UnaryOperator<TrunkOptions.Builder> change) {
        List<TrunkOptions> out = new java.util.ArrayList<>();
        out.add(change.apply(TrunkOptions.builder("callee-trunk", new InetSocketAddress("127.0.0.1", main)).priority(10))
                .build());
        for (int i = 0; i < extra.size(); i++) {
            out.add(TrunkOptions.builder("backup-" + i, new InetSocketAddress("127.0.0.1", extra.get(i)))
                    .priority(20 + 10 * i).build());
        }
        return out;
    }

    int tcpPort() {
        return relay.transport().tcpLocalAddresses().get(0).getPort();
    }

    int udpPort() {
        return relay.transport().udpLocalAddresses().get(0).getPort();
    }

    double calls(CallOutcome outcome) {
        return registry.get(CallMetrics.CALLS).tag(CallMetrics.TAG_OUTCOME, outcome.outcome())
                .tag(CallMetrics.TAG_REASON, outcome.reason()).counter().count();
    }

    /** {@code maskgate_sip_trunk_attempts_total} of {@code trunk} ("callee-trunk", "backup-0", ...) and {@code result}. */
    double trunkAttempts(String trunk, TrunkAttemptResult result) {
        return registry.get(TrunkGroup.TRUNK_ATTEMPTS).tag(TrunkGroup.TAG_TRUNK, trunk)
                .tag(TrunkGroup.TAG_RESULT, result.tag()).counter().count();
    }

    /** Every {@code maskgate_sip_trunk_attempts_total} series of {@code trunk} that is not zero, by result. */
    java.util.Map<TrunkAttemptResult, Double> trunkAttempts(String trunk) {
        java.util.Map<TrunkAttemptResult, Double> out = new java.util.EnumMap<>(TrunkAttemptResult.class);
        for (TrunkAttemptResult r : TrunkAttemptResult.values()) {
            if (trunkAttempts(trunk, r) > 0) {
                out.put(r, trunkAttempts(trunk, r));
            }
        }
        return out;
    }

    /** Waits (bounded) until exactly one call ended with {@code outcome}: counters move after the answer leaves. */
    static void awaitCalls(RelayFixture f, CallOutcome outcome) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> f.calls(outcome) == 1.0);
    }

    /**
     * One answered call from CALLER to PROXY with sipp on both sides (the callee on the main trunk),
     * hung up by the caller; waits until it is counted as the {@code nth} connected call and the
     * relay has forgotten it. Logs and scenario files go below {@code dir}.
     */
    void callWithSipp(java.nio.file.Path dir, int nth) {
        Sipp callee = Sipp.uas(dir.resolve("uas"), "uas-answer-wait-bye.xml", trunkPort, CALLEE.e164());
        Sipp caller = Sipp.uac(dir.resolve("uac"), "uac-call-bye.xml", udpPort(), PROXY.e164(), CALLER.e164());
        Sipp.assertBothPassed(caller, callee);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> calls(CallOutcome.CONNECTED) == nth && relay.activeCalls() == 0);
    }

    @Override
    public void close() {
        relay.close();
        store.close();
    }
}
