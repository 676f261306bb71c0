package io.maskgate.server.config;

import static io.maskgate.server.config.GatewayConfigDef.*;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where consent decisions come from. {@code http} is present exactly for {@link Type#HTTP}, which
 * also needs the Redis store (shared cache, revocation epochs and pub/sub) and a webhook secret
 * (a platform that cannot push revocations would leave revoked consent cached).
 */
public record ConsentConfig(Type type, StaticRules staticRules, Optional<Http> http, Cache cache, Webhook webhook) {

    public enum Type { STATIC, HTTP }

    public ConsentConfig {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(staticRules, "staticRules");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(webhook, "webhook");
        if ((type == Type.HTTP) != http.isPresent()) {
            throw new IllegalArgumentException("http settings are given exactly for the http source");
        }
    }

    /** One static rule; each match field is a literal or {@code *}. */
    public record Rule(String purpose, String channel, String subjectPrefix, boolean granted) {
        public Rule {
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(subjectPrefix, "subjectPrefix");
        }
    }

    /** Rules in precedence order, and the answer when none matches. */
    public record StaticRules(List<Rule> rules, boolean defaultGranted) {
        public StaticRules {
            rules = List.copyOf(rules);
        }
    }

    /** The consent platform. */
    public record Http(URI baseUri, Duration timeout, Duration connectTimeout, Optional<SecretRef> token) {
        public Http {
            Objects.requireNonNull(baseUri, "baseUri");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(token, "token");
        }
    }

    /** See io.maskgate.core.consent.ConsentCacheOptions for each value's meaning. */
    public record Cache(Duration maxTtl, Duration nearTtl, int nearMaxEntries, Duration sourceTimeout,
                        Duration redisTimeout, boolean verifyEpochOnNearHit, Duration epochRetention) {
        public Cache {
            Objects.requireNonNull(maxTtl, "maxTtl");
            Objects.requireNonNull(nearTtl, "nearTtl");
            Objects.requireNonNull(sourceTimeout, "sourceTimeout");
            Objects.requireNonNull(redisTimeout, "redisTimeout");
            Objects.requireNonNull(epochRetention, "epochRetention");
        }
    }

    /** The signed revocation webhook; its secret is present whenever the type is http. */
    public record Webhook(Optional<SecretRef> secret, Duration tolerance) {
        public Webhook {
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(tolerance, "tolerance");
        }
    }

    static ConsentConfig from(ConfigValues v, StoreConfig store) {
        Type type = v.string(CONSENT_TYPE).equals("http") ? Type.HTTP : Type.STATIC;
        Webhook webhook = new Webhook(SecretRef.optional(v, CONSENT_WEBHOOK_SECRET_ENV, CONSENT_WEBHOOK_SECRET_FILE),
                Duration.ofSeconds(v.integer(CONSENT_WEBHOOK_TOLERANCE_SECONDS)));
        Optional<Http> http = Optional.empty();
        if (type == Type.HTTP) {
            if (store.type() != StoreConfig.Type.REDIS) {
                throw new ConfigException(CONSENT_TYPE, "http needs " + STORE_TYPE + ": redis (shared consent cache "
                        + "and revocations)");
            }
            if (webhook.secret().isEmpty()) {
                throw new ConfigException(CONSENT_WEBHOOK_SECRET_ENV, "is required (or " + CONSENT_WEBHOOK_SECRET_FILE
                        + ") when consent.type is http: revocations arrive through the signed webhook");
            }
            http = Optional.of(http(v));
        }
        return new ConsentConfig(type, staticRules(v), http, cache(v), webhook);
    }

    private static Http http(ConfigValues v) {
        String url = v.optionalString(CONSENT_HTTP_BASE_URL).orElseThrow(
                () -> new ConfigException(CONSENT_HTTP_BASE_URL, "is required when consent.type is http"));
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(CONSENT_HTTP_BASE_URL, "is not a valid URL");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new ConfigException(CONSENT_HTTP_BASE_URL, "needs a host and no credentials");
        }
        return new Http(uri, Duration.ofMillis(v.integer(CONSENT_HTTP_TIMEOUT_MS)),
                Duration.ofMillis(v.integer(CONSENT_HTTP_CONNECT_TIMEOUT_MS)),
                SecretRef.optional(v, CONSENT_HTTP_TOKEN_ENV, CONSENT_HTTP_TOKEN_FILE));
    }

    private static StaticRules staticRules(ConfigValues v) {
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < v.size(CONSENT_STATIC_RULES); i++) {
            String p = CONSENT_STATIC_RULES + "[" + i + "].";
            rules.add(new Rule(v.string(p + "purpose"), v.string(p + "channel"), v.string(p + "subjectPrefix"),
                    v.string(p + "decision").equals("granted")));
        }
        return new StaticRules(rules, v.string(CONSENT_STATIC_DEFAULT).equals("granted"));
    }

    private static Cache cache(ConfigValues v) {
        int maxTtl = v.integer(CONSENT_CACHE_MAX_TTL_SECONDS);
        int retention = v.integer(CONSENT_CACHE_EPOCH_RETENTION_SECONDS);
        if (retention <= maxTtl) {
            throw new ConfigException(CONSENT_CACHE_EPOCH_RETENTION_SECONDS, "must exceed "
                    + CONSENT_CACHE_MAX_TTL_SECONDS + " (" + maxTtl + "), was " + retention);
        }
        return new Cache(Duration.ofSeconds(maxTtl), Duration.ofSeconds(v.integer(CONSENT_CACHE_NEAR_TTL_SECONDS)),
                v.integer(CONSENT_CACHE_NEAR_MAX_ENTRIES), Duration.ofMillis(v.integer(CONSENT_CACHE_SOURCE_TIMEOUT_MS)),
                Duration.ofMillis(v.integer(CONSENT_CACHE_REDIS_TIMEOUT_MS)), v.bool(CONSENT_CACHE_VERIFY_EPOCH),
                Duration.ofSeconds(retention));
    }
}
