package io.maskgate.smpp.relay;

import static io.maskgate.smpp.testing.RelayFixture.V;
import static io.maskgate.smpp.testing.RelayFixture.X;
import static io.maskgate.smpp.testing.RelayFixture.Y;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.maskgate.core.privacy.PrivacyKeys;
import io.maskgate.core.session.Session;
import io.maskgate.core.session.redis.RedisSessionStore;
import io.maskgate.core.session.redis.RedisStoreOptions;
import io.maskgate.keystore.KeyRing;
import io.maskgate.smpp.metrics.SmppMetrics;
import io.maskgate.smpp.pdu.CommandStatus;
import io.maskgate.smpp.receipt.RedisMessageIdStore;
import io.maskgate.smpp.testing.RecordingEsme;
import io.maskgate.smpp.testing.RelayFixture;
import io.maskgate.smpp.testing.SmscStandIn;
import io.maskgate.testing.RedisServer;
import io.maskgate.testing.RedisServerExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jsmpp.bean.BindType;
import org.jsmpp.extra.NegativeResponseException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The relay on the real Redis session store and message-id map, including Redis going away. */
@ExtendWith(RedisServerExtension.class)
class RedisStoreRelayIntegrationTest {
    private RelayFixture fx;
    private RecordingEsme esme;
    private RedisClient client;
    private StatefulRedisConnection<String, byte[]> connection;
    private Session session;

    private void start(RedisServer redis) throws Exception {
        KeyRing keys = KeyRing.forTesting(new SecureRandom());
        RedisSessionStore store = RedisSessionStore.create(RedisStoreOptions.builder().uri(redis.uri()).build(),
                RelayFixture.pools(), keys, Clock.systemUTC(), new SimpleMeterRegistry());
        await().atMost(Duration.ofSeconds(10)).until(() -> store.ping().join());
        session = RelayFixture.createSession(store);
        client = RedisClient.create(redis.uri());
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofMillis(250))).build());
        connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        fx = new RelayFixture(s -> {
            s.store = store;
            s.messageIds = new RedisMessageIdStore(() -> Optional.of(connection.async()), keys, Duration.ofHours(72),
                    Duration.ofSeconds(1));
            return s;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> fx.smsc.boundSessions().size() == 1);
        esme = RecordingEsme.bind(fx.port(), BindType.BIND_TRX, "app", "app-pw");
    }

    @AfterEach
    void stop() throws Exception {
        if (esme != null) {
            esme.close();
        }
        if (fx != null) {
            fx.close();
        }
        if (connection != null) {
            connection.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Test
    void mtAndItsReceiptGoThroughRedis(RedisServer redis) throws Exception {
        start(redis);
        String ours = SmppRelayIntegrationTest.submit(esme.session(), X, V, (byte) 0, (byte) 0,
                "hi".getBytes(StandardCharsets.US_ASCII), 1);
        String upstreamId = fx.smsc.submitIds().get(0);
        assertEquals(0, SmscStandIn.deliver(fx.smsc.boundSessions().get(0), Y, V, (byte) 0x04,
                ("id:" + upstreamId + " stat:DELIVRD").getBytes(StandardCharsets.US_ASCII)));
        await().atMost(Duration.ofSeconds(5)).until(() -> esme.delivered().size() == 1);
        assertEquals("id:" + ours + " stat:DELIVRD",
                new String(esme.delivered().get(0).getShortMessage(), StandardCharsets.US_ASCII));
    }

    @Test
    void theReceiptOfAMessageWhoseSessionWasErasedNeverReachesTheEsme(RedisServer redis) throws Exception {
        start(redis);
        SmppRelayIntegrationTest.submit(esme.session(), X, V, (byte) 0, (byte) 0,
                "hi".getBytes(StandardCharsets.US_ASCII), 1);
        String upstreamId = fx.smsc.submitIds().get(0);

        // What erasure does to the session's message-id entries: it deletes the session's receipt key.
        assertEquals(1L, connection.sync().del(PrivacyKeys.receiptKeyKey(session.id()).orElseThrow()));
        int status = SmscStandIn.deliver(fx.smsc.boundSessions().get(0), Y, V, (byte) 0x04,
                ("id:" + upstreamId + " stat:DELIVRD").getBytes(StandardCharsets.US_ASCII));

        assertEquals(0, status, "acknowledged upstream: an erased message's receipt is not worth a retry");
        await().atMost(Duration.ofSeconds(5)).until(() -> fx.meters.find(SmppMetrics.DELIVERIES)
                .tag(SmppMetrics.TAG_OUTCOME, "unmatched").counters().stream().mapToDouble(c -> c.count()).sum() == 1);
        assertTrue(esme.delivered().isEmpty(), "the ESME got the receipt of an erased session's message");
    }

    @Test
    void storeStoppedRefusesWithSystemErrorAndSendsNothingUpstream(RedisServer redis) throws Exception {
        start(redis);
        redis.stop();

        NegativeResponseException e = assertThrows(NegativeResponseException.class,
                () -> SmppRelayIntegrationTest.submit(esme.session(), X, V, (byte) 0, (byte) 0,
                        "hi".getBytes(StandardCharsets.US_ASCII), 0));
        assertEquals(CommandStatus.ESME_RSYSERR, e.getCommandStatus());
        assertTrue(fx.smsc.submits().isEmpty());

        assertEquals(CommandStatus.ESME_RSYSERR, SmscStandIn.deliver(fx.smsc.boundSessions().get(0), Y, V, (byte) 0,
                "mo".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(CommandStatus.ESME_RX_T_APPN, SmscStandIn.deliver(fx.smsc.boundSessions().get(0), Y, V,
                (byte) 0x04, "id:up-9 stat:DELIVRD".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(esme.delivered().isEmpty());
    }
}
