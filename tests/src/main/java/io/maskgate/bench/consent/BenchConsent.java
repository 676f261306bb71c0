package io.maskgate.bench.consent;

import com.sun.net.httpserver.HttpServer;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.maskgate.core.consent.CachingConsentGate;
import io.maskgate.core.consent.ConsentCacheOptions;
import io.maskgate.core.consent.ConsentRedis;
import io.maskgate.core.consent.ConsentRevocations;
import io.maskgate.core.consent.HttpConsentSource;
import io.maskgate.core.consent.HttpSourceOptions;
import io.maskgate.core.consent.SourceAnswer;
import io.maskgate.core.consent.StaticConsentSource;
import io.maskgate.core.consent.UncachedConsentGate;
import io.maskgate.core.routing.AllowAllConsent;
import io.maskgate.core.routing.ConsentGate;
import io.maskgate.core.session.redis.RedisConnector;
import io.maskgate.keystore.KeyRing;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The consent gate a benchmark puts in the routing path, built as the gateway builds it:
 * <ul>
 *   <li>{@code allow}: {@link AllowAllConsent}, no check at all (the relay's own cost);</li>
 *   <li>{@code static}: conf rules ({@code consent.type: static}), answered in process;</li>
 *   <li>{@code http}: {@link CachingConsentGate} over {@link HttpConsentSource} against a consent
 *       platform stand-in on 127.0.0.1 that grants with {@code cacheTtlSeconds: 3600}, the shared
 *       Redis entry and the near cache as the gateway's conf defaults set them (near-cache hits
 *       trusted while the revocation subscription is up, for {@code consent.cache.nearTtlSeconds});
 *       {@code http_strict} also confirms every near-cache hit against the subject's revocation
 *       epoch in Redis ({@code verifyEpochOnNearHit: true}, one extra Redis round trip per check).
 *       After the first message per subject every decision is a cache hit, which is what the
 *       issue's 10% budget is about.</li>
 * </ul>
 */
public final class BenchConsent implements AutoCloseable {

    /** What a benchmark may ask for. */
    public enum Mode { ALLOW, STATIC, HTTP, HTTP_STRICT }

    /** consent.cache.nearTtlSeconds as the gateway ships it. */
    private static final int GATEWAY_NEAR_TTL_SECONDS = 1;

    private final ConsentGate gate;
    private final List<AutoCloseable> parts;
    private final AtomicLong platformRequests;

    private BenchConsent(ConsentGate gate, List<AutoCloseable> parts, AtomicLong platformRequests) {
        this.gate = gate;
        this.parts = parts;
        this.platformRequests = platformRequests;
    }

    /**
     * {@code redis} is used by {@code http} only (the shared decision cache and revocations): the
     * process's one connector, as in the gateway, so that lookups made on a SIP loop use that
     * loop's own connection. The caller closes it after this.
     */
    public static BenchConsent create(Mode mode, RedisConnector redis, KeyRing keys, MeterRegistry registry) {
        return switch (mode) {
            case ALLOW -> new BenchConsent(new AllowAllConsent(), List.of(), new AtomicLong());
            case STATIC -> new BenchConsent(new UncachedConsentGate(new StaticConsentSource(List.of(),
                    SourceAnswer.Decision.GRANTED, Duration.ZERO), ConsentCacheOptions.DEFAULT_SOURCE_TIMEOUT),
                    List.of(), new AtomicLong());
            case HTTP -> http(redis, keys, registry, false);
            case HTTP_STRICT -> http(redis, keys, registry, true);
        };
    }

    private static BenchConsent http(RedisConnector connector, KeyRing keys, MeterRegistry registry, boolean strict) {
        AtomicLong requests = new AtomicLong();
        HttpServer platform = platform(requests);
        ConsentRedis redis = new ConsentRedis() {
            @Override
            public java.util.Optional<RedisAsyncCommands<String, byte[]>> commands() {
                return connector.commands();
            }

            @Override
            public java.util.concurrent.CompletionStage<StatefulRedisPubSubConnection<String, byte[]>> connectPubSub() {
                return connector.connectPubSub();
            }
        };
        // The gateway's conf defaults (consent.cache.*), not the library's.
        ConsentCacheOptions cache = ConsentCacheOptions.builder()
                .nearCacheTtl(Duration.ofSeconds(GATEWAY_NEAR_TTL_SECONDS))
                .verifyEpochOnNearHit(strict)
                .build();
        ConsentRevocations revocations = ConsentRevocations.start(redis, keys, cache, registry);
        URI base = URI.create("http://127.0.0.1:" + platform.getAddress().getPort() + "/");
        CachingConsentGate gate = CachingConsentGate.create(new HttpConsentSource(HttpSourceOptions.builder(base).build()),
                redis, revocations, keys, cache, Clock.systemUTC(), registry);
        return new BenchConsent(gate, List.of(gate::close, revocations::close, () -> platform.stop(0)), requests);
    }

    /** Grants everything for an hour; counts the requests so a run can show the cache worked. */
    private static HttpServer platform(AtomicLong requests) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            // a platform answers concurrently: the cold start asks for every subject at once
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
            server.createContext("/", exchange -> {
                requests.incrementAndGet();
                exchange.getRequestBody().readAllBytes();
                byte[] body = ("{\"decision\":\"granted\",\"decisionId\":\"bench-" + requests.get()
                        + "\",\"cacheTtlSeconds\":3600}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("consent platform stand-in did not start", e);
        }
    }

    public ConsentGate gate() {
        return gate;
    }

    /** Requests the platform stand-in answered (0 unless {@code http}). */
    public long platformRequests() {
        return platformRequests.get();
    }

    @Override
    public void close() {
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the bench consent gate failed", e);
            }
        }
    }
}
