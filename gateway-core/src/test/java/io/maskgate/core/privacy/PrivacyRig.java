package io.maskgate.core.privacy;

import io.lettuce.core.XAddArgs;
import io.maskgate.core.audit.DecisionRecord;
import io.maskgate.core.audit.FileDecisionLog;
import io.maskgate.core.audit.FileDecisionLogOptions;
import io.maskgate.core.events.EventFields;
import io.maskgate.core.routing.Channel;
import io.maskgate.core.session.Session;
import io.maskgate.core.session.SessionFixtures;
import io.maskgate.core.session.redis.RedisConnector;
import io.maskgate.core.session.redis.RedisSessionStore;
import io.maskgate.core.session.redis.RedisStoreOptions;
import io.maskgate.keystore.KeyRing;
import io.maskgate.testing.RedisServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** One gateway node's privacy parts against a real redis-server, with a real decision-log file. */
final class PrivacyRig implements AutoCloseable {

    static final String STREAM = "mg:events";
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    final KeyRing ring = SessionFixtures.testKeys();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final RedisConnector connector;
    final RedisSessionStore store;
    final RedisCalls calls;
    final SubjectKeys keys;
    final SubjectIndex index;
    final SubjectFieldCipher fields;
    final FileDecisionLog log;
    final PrivacyMetrics metrics = new PrivacyMetrics(registry);
    final Path logFile;

    PrivacyRig(RedisServer redis, Path dir, Clock clock, RetentionPolicy policy) {
        RedisStoreOptions options = RedisStoreOptions.builder().uri(redis.uri()).commandTimeout(Duration.ofSeconds(1)).build();
        connector = new RedisConnector(options);
        connector.start();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> connector.commands().isPresent());
        store = RedisSessionStore.create(options, connector, SessionFixtures.pools(100), ring, clock, registry);
        calls = new RedisCalls(connector::commands, TIMEOUT);
        keys = new SubjectKeys(calls, ring, policy, clock);
        index = new SubjectIndex(calls, ring, policy, clock);
        fields = new SubjectFieldCipher(keys, new PrivacyKeys(ring.blindIndex()), registry);
        logFile = dir.resolve("decisions.log");
        log = FileDecisionLog.open(logFile, ring.auditKey(), FileDecisionLogOptions.builder().node("test").build(),
                registry, fields);
    }

    Session createIndexed(int a, int b) throws Exception {
        Session s = store.create(SessionFixtures.request(a, b, Duration.ofHours(1))).get(2, TimeUnit.SECONDS);
        index.add(s).get(2, TimeUnit.SECONDS);
        return s;
    }

    /** A routed decision of the session, party ids as the router gives them. */
    void decide(Session s, java.time.Instant at) {
        log.append(new DecisionRecord(at, Channel.VOICE, DecisionRecord.Outcome.ROUTED, Optional.empty(),
                Optional.of(s.id()), Optional.of(io.maskgate.core.events.SafeText.of(s.purpose())),
                Optional.of(io.maskgate.core.events.SafeText.of(s.a().id())),
                Optional.of(io.maskgate.core.events.SafeText.of(s.b().id())), Optional.empty()));
    }

    /** An event as the publisher writes it. */
    String event(Session s, String caller, String callee) throws Exception {
        Map<String, byte[]> body = new LinkedHashMap<>();
        body.put(EventFields.TYPE, bytes("call_attempted"));
        body.put(EventFields.SESSION, bytes(s.id().value()));
        body.put(EventFields.PURPOSE, bytes(s.purpose()));
        body.put(EventFields.CALLER, bytes(caller));
        body.put(EventFields.CALLEE, bytes(callee));
        return connector.commands().orElseThrow().xadd(STREAM, XAddArgs.Builder.maxlen(1000), body).get(2, TimeUnit.SECONDS);
    }

    long streamLength() throws Exception {
        return connector.commands().orElseThrow().xlen(STREAM).get(2, TimeUnit.SECONDS);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        log.close();
        store.close();
        connector.close();
    }
}
