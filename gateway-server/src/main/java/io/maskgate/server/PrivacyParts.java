package io.maskgate.server;

import io.maskgate.core.audit.FileDecisionLog;
import io.maskgate.core.audit.SubjectFieldSealer;
import io.maskgate.core.consent.ConsentErasure;
import io.maskgate.core.privacy.PrivacyMetrics;
import io.maskgate.core.privacy.RedisCalls;
import io.maskgate.core.privacy.RetentionJob;
import io.maskgate.core.privacy.SubjectErasure;
import io.maskgate.core.privacy.SubjectFieldCipher;
import io.maskgate.core.privacy.SubjectIndex;
import io.maskgate.core.privacy.SubjectKeys;
import io.maskgate.core.privacy.PrivacyKeys;
import io.maskgate.core.session.SessionStore;
import io.maskgate.core.session.redis.RedisConnector;
import io.maskgate.keystore.KeyRing;
import io.maskgate.server.admin.RightsRoutes;
import io.maskgate.server.config.EventsConfig;
import io.maskgate.server.config.GatewayConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The privacy controls of one node: per-subject decision-log keys and the subject index (Redis
 * store only), erasure, access, the retention job, and the one worker thread that runs their
 * blocking parts and the job, away from the event loops and the relays. Built in two steps,
 * because the decision log needs the field sealer before it opens and erasure needs the log.
 */
final class PrivacyParts implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PrivacyParts.class);

    private final GatewayConfig config;
    private final Optional<RedisCalls> redis;
    private final Optional<SubjectKeys> keys;
    private final Optional<SubjectFieldCipher> fields;
    private final Optional<SubjectIndex> index;
    private final PrivacyMetrics metrics;
    private final ScheduledExecutorService worker;
    private final Clock clock;
    private final Duration timeout;

    private PrivacyParts(GatewayConfig config, Optional<RedisConnector> connector, KeyRing ring,
                         ServerResources resources, Duration timeout) {
        this.config = config;
        this.clock = resources.clock();
        this.timeout = timeout;
        this.metrics = new PrivacyMetrics(resources.registry());
        this.redis = connector.map(c -> new RedisCalls(c::commands, timeout));
        this.keys = redis.map(r -> new SubjectKeys(r, ring, config.privacy().retention(), clock));
        this.fields = keys.map(k -> new SubjectFieldCipher(k, new PrivacyKeys(ring.blindIndex()), resources.registry()));
        this.index = redis.map(r -> new SubjectIndex(r, ring, config.privacy().retention(), clock));
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "maskgate-privacy");
            t.setDaemon(true);
            return t;
        });
    }

    static PrivacyParts create(GatewayConfig config, Optional<RedisConnector> connector, KeyRing ring,
                               ServerResources resources, Duration timeout) {
        return new PrivacyParts(config, connector, ring, resources, timeout);
    }

    /** What the decision log seals party ids with: subject keys with Redis, nothing without (memory store). */
    SubjectFieldSealer sealer() {
        return fields.<SubjectFieldSealer>map(f -> f).orElse(SubjectFieldSealer.NONE);
    }

    /** The admin routes, and the retention job scheduled when conf asks for it. */
    RightsRoutes rights(FileDecisionLog decisions, KeyRing ring, SessionStore store, ConsentParts consent,
                        Optional<RedisConnector> connector) {
        Optional<String> stream = config.events().type() == EventsConfig.Type.REDIS_STREAM
                ? Optional.of(config.events().stream()) : Optional.empty();
        long maxScan = config.privacy().maxEventScan();
        Optional<RightsRoutes.Privacy> privacy = redis.map(r -> {
            Optional<ConsentErasure> consentErasure = consent.revocations().map(rev -> new ConsentErasure(
                    new SharedRedis(connector.orElseThrow()), rev, ring, timeout));
            SubjectErasure erasure = new SubjectErasure(store, index.orElseThrow(), keys.orElseThrow(), r, stream,
                    maxScan, consentErasure, decisions, metrics, clock, timeout.multipliedBy(4));
            return new RightsRoutes.Privacy(erasure, index.orElseThrow(), fields.orElseThrow());
        });
        redis.ifPresent(r -> schedule(new RetentionJob(r, store, index.orElseThrow(), keys.orElseThrow(), stream,
                maxScan, decisions, metrics, clock, timeout.multipliedBy(4))));
        return RightsRoutes.create(decisions, ring, store, privacy, metrics, worker, clock, timeout.multipliedBy(4));
    }

    private void schedule(RetentionJob job) {
        Duration every = config.privacy().interval();
        if (every.isZero()) {
            log.info("retention job off (privacy.retention.intervalSeconds: 0)");
            return;
        }
        worker.scheduleWithFixedDelay(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                log.warn("retention run failed, the next one continues: {}", e.getMessage());
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
