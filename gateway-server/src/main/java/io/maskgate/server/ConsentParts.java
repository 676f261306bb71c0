package io.maskgate.server;

import io.maskgate.core.consent.CachingConsentGate;
import io.maskgate.core.consent.ConsentCacheOptions;
import io.maskgate.core.consent.ConsentRevocations;
import io.maskgate.core.consent.HttpConsentSource;
import io.maskgate.core.consent.HttpSourceOptions;
import io.maskgate.core.consent.SourceAnswer;
import io.maskgate.core.consent.StaticConsentSource;
import io.maskgate.core.consent.StaticRule;
import io.maskgate.core.consent.UncachedConsentGate;
import io.maskgate.core.consent.WebhookVerifier;
import io.maskgate.core.routing.ConsentGate;
import io.maskgate.core.session.redis.RedisConnector;
import io.maskgate.keystore.KeyRing;
import io.maskgate.server.config.ConsentConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The consent gate conf asks for, and for the http source the revocation machinery the admin
 * webhook drives. {@link #close()} releases the gate and the subscription, not the connector.
 *
 * @param revocations present with the http source (the only one with shared caches to clear)
 * @param webhook     present exactly when {@code revocations} is
 */
record ConsentParts(ConsentGate gate, Optional<ConsentRevocations> revocations, Optional<WebhookVerifier> webhook)
        implements AutoCloseable {

    ConsentParts {
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(revocations, "revocations");
        Objects.requireNonNull(webhook, "webhook");
    }

    static ConsentParts create(ConsentConfig conf, Optional<RedisConnector> connector, KeyRing keys,
                               ServerResources resources) {
        if (conf.type() == ConsentConfig.Type.STATIC) {
            StaticConsentSource source = new StaticConsentSource(rules(conf.staticRules()),
                    conf.staticRules().defaultGranted() ? SourceAnswer.Decision.GRANTED : SourceAnswer.Decision.DENIED,
                    Duration.ZERO);
            return new ConsentParts(new UncachedConsentGate(source, conf.cache().sourceTimeout()),
                    Optional.empty(), Optional.empty());
        }
        // ConsentConfig guarantees Redis and a webhook secret for the http source.
        SharedRedis redis = new SharedRedis(connector.orElseThrow());
        ConsentCacheOptions cache = cacheOptions(conf.cache());
        ConsentRevocations revocations = ConsentRevocations.start(redis, keys, cache, resources.registry());
        try {
            CachingConsentGate gate = CachingConsentGate.create(new HttpConsentSource(httpOptions(conf)), redis,
                    revocations, keys, cache, resources.clock(), resources.registry());
            Supplier<String> secret = Secrets.supplier(conf.webhook().secret().orElseThrow());
            WebhookVerifier webhook = new WebhookVerifier(() -> secret.get().getBytes(StandardCharsets.UTF_8),
                    conf.webhook().tolerance(), redis, keys, resources.clock(), resources.registry());
            return new ConsentParts(gate, Optional.of(revocations), Optional.of(webhook));
        } catch (RuntimeException e) {
            revocations.close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (gate instanceof CachingConsentGate caching) {
            caching.close();
        }
        revocations.ifPresent(ConsentRevocations::close);
    }

    private static List<StaticRule> rules(ConsentConfig.StaticRules conf) {
        return conf.rules().stream().map(r -> new StaticRule(r.purpose(), r.channel(), r.subjectPrefix(),
                r.granted() ? SourceAnswer.Decision.GRANTED : SourceAnswer.Decision.DENIED)).toList();
    }

    private static HttpSourceOptions httpOptions(ConsentConfig conf) {
        ConsentConfig.Http http = conf.http().orElseThrow();
        HttpSourceOptions.Builder builder = HttpSourceOptions.builder(http.baseUri())
                .timeout(http.timeout())
                .connectTimeout(http.connectTimeout());
        http.token().ifPresent(ref -> {
            Supplier<String> token = Secrets.supplier(ref);
            builder.bearerToken(() -> Optional.of(token.get()));
        });
        return builder.build();
    }

    private static ConsentCacheOptions cacheOptions(ConsentConfig.Cache c) {
        return ConsentCacheOptions.builder()
                .maxCacheTtl(c.maxTtl())
                .nearCacheTtl(c.nearTtl())
                .nearCacheSize(c.nearMaxEntries())
                .sourceTimeout(c.sourceTimeout())
                .redisTimeout(c.redisTimeout())
                .verifyEpochOnNearHit(c.verifyEpochOnNearHit())
                .epochRetention(c.epochRetention())
                .build();
    }
}
