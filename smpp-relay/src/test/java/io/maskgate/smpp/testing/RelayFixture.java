package io.maskgate.smpp.testing;

import io.maskgate.core.number.NumberNormalizer;
import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.pool.NumberPool;
import io.maskgate.core.pool.NumberPools;
import io.maskgate.core.rate.RateLimit;
import io.maskgate.core.routing.AllowAllConsent;
import io.maskgate.core.routing.Router;
import io.maskgate.core.session.Participant;
import io.maskgate.core.session.SessionRequest;
import io.maskgate.core.session.Session;
import io.maskgate.core.session.SessionStore;
import io.maskgate.core.session.memory.InMemorySessionStore;
import io.maskgate.keystore.KeyRing;
import io.maskgate.smpp.SmppRelay;
import io.maskgate.smpp.receipt.InMemoryMessageIdStore;
import io.maskgate.smpp.receipt.MessageIdStore;
import io.maskgate.smpp.relay.RelayOptions;
import io.maskgate.smpp.server.EsmeAccount;
import io.maskgate.smpp.server.EsmeAccounts;
import io.maskgate.smpp.server.SmppServerOptions;
import io.maskgate.smpp.upstream.UpstreamOptions;
import io.maskgate.smpp.upstream.UpstreamSmsc;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The relay between real peers on 127.0.0.1: an {@link SmscStandIn} the relay binds to
 * {@code upstreamBinds} times, the relay itself, and a session X <-> Y on proxy V.
 */
public final class RelayFixture implements AutoCloseable {
    /** The ESME's user (sender of MT, recipient of MO). */
    public static final String X = "919812345001";
    /** The counterpart's handset (recipient of MT, sender of MO). */
    public static final String Y = "919812345002";
    /** The proxy number of their session. */
    public static final String V = "919800000100";
    /** A proxy number with no session. */
    public static final String UNKNOWN_V = "919800000999";

    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final SmscStandIn smsc;
    public final SmppRelay relay;
    public final MessageIdStore messageIds;
    private final SessionStore store;

    public static final class Settings {
        public SmppServerOptions server = SmppServerOptions.builder().listenPort(0).build();
        public RelayOptions relay = RelayOptions.builder().moSystemId("app").build();
        public List<EsmeAccount> accounts = List.of(
                new EsmeAccount("app", EsmeAccounts.sha256Hex("app-pw"), 4),
                new EsmeAccount("other", EsmeAccounts.sha256Hex("other-pw"), 2));
        public int upstreamBinds = 1;
        /** The stand-in's submit rate (its TPS) as the relay is told it. */
        public RateLimit upstreamRate = RateLimit.UNLIMITED;
        public SessionStore store;
        public MessageIdStore messageIds;
        /** The stand-in speaks TLS with this context, and the relay binds to it over TLS with {@link #upstreamTls}. */
        public java.util.Optional<javax.net.ssl.SSLContext> smscTls = java.util.Optional.empty();
        public java.util.Optional<io.maskgate.keystore.tls.TlsMaterial> upstreamTls = java.util.Optional.empty();
    }

    public RelayFixture(UnaryOperator<Settings> configure) throws Exception {
        Settings s = configure.apply(new Settings());
        smsc = s.smscTls.isPresent() ? SmscStandIn.startTls("gw", "upsecret", s.smscTls.get())
                : SmscStandIn.start("gw", "upsecret");
        store = s.store != null ? s.store : inMemoryStoreWithSession();
        messageIds = s.messageIds != null ? s.messageIds
                : new InMemoryMessageIdStore(Clock.systemUTC(), Duration.ofHours(1), 10_000);
        NumberNormalizer normalizer = new NumberNormalizer("91");
        relay = SmppRelay.builder()
                .serverOptions(s.server)
                .upstreamOptions(UpstreamOptions.builder()
                        .smscs(List.of(new UpstreamSmsc("stand-in", "127.0.0.1", smsc.port(), "gw", () -> "upsecret", "",
                                s.upstreamBinds, s.upstreamTls, s.upstreamRate)))
                        .reconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(500))
                        .responseTimeout(Duration.ofSeconds(3))
                        .build())
                .relayOptions(s.relay)
                .accounts(EsmeAccounts.of(s.accounts))
                .router(new Router(normalizer, store, new AllowAllConsent(), meters))
                .messageIdStore(messageIds)
                .meterRegistry(meters)
                .build();
        relay.start();
    }

    /** Creates the X <-> Y session on V in a session store. */
    public static Session createSession(SessionStore store) throws Exception {
        return store.create(new SessionRequest("delivery", Duration.ofHours(1), "order-1", "sms",
                new Participant("rider-1", PhoneNumber.ofE164("+" + X)),
                new Participant("customer-1", PhoneNumber.ofE164("+" + Y)))).get();
    }

    public static NumberPools pools() {
        return NumberPools.of(new NumberPool("sms", List.of(PhoneNumber.ofE164("+" + V))));
    }

    private static SessionStore inMemoryStoreWithSession() throws Exception {
        InMemorySessionStore s = new InMemorySessionStore(pools(), KeyRing.forTesting(new SecureRandom()), Clock.systemUTC());
        createSession(s);
        return s;
    }

    public int port() {
        return relay.localPort();
    }

    @Override
    public void close() throws Exception {
        relay.close();
        smsc.close();
        store.close();
    }
}
