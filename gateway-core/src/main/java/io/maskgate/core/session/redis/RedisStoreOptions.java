package io.maskgate.core.session.redis;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link RedisSessionStore} talks to Redis. Immutable; build with {@link #builder()}, change a
 * copy with {@link #mutate()}. Every value has a default that suits a gateway next to its Redis
 * (same rack or zone). The defaults make the store <em>fail closed and fast</em>: lettuce's own
 * defaults queue commands for up to 60 s while Redis is down (measured on our build machines),
 * which would hold every call and SMS for that long instead of refusing it.
 */
public final class RedisStoreOptions {

    /** Default {@link #uri()}: a local Redis, database 0. */
    public static final String DEFAULT_URI = "redis://127.0.0.1:6379/0";
    /** Default {@link #commandTimeout()}: 250 ms. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(250);
    /** Default {@link #connectTimeout()}: 1 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);
    /** Default {@link #requestQueueSize()}: 10,000 commands. */
    public static final int DEFAULT_REQUEST_QUEUE_SIZE = 10_000;
    /** Default {@link #keepAlive()}: 5 s of idle before the first TCP keep-alive probe. */
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(5);
    /** Default {@link #tcpUserTimeout()}: 5 s. */
    public static final Duration DEFAULT_TCP_USER_TIMEOUT = Duration.ofSeconds(5);
    /** Default {@link #allocationAttempts()}: every number of any pool ({@value io.maskgate.core.pool.NumberPool#MAX_RANGE}). */
    public static final int DEFAULT_ALLOCATION_ATTEMPTS = 100_000;
    /** Default {@link #maxReconnectDelay()}: 2 s. */
    public static final Duration DEFAULT_MAX_RECONNECT_DELAY = Duration.ofSeconds(2);

    private final String uri;
    private final Duration commandTimeout;
    private final Duration connectTimeout;
    private final int requestQueueSize;
    private final Duration keepAlive;
    private final Duration tcpUserTimeout;
    private final int allocationAttempts;
    private final Duration maxReconnectDelay;
    private final java.util.Optional<java.util.function.Supplier<String>> password;

    private RedisStoreOptions(Builder b) {
        this.uri = b.uri;
        this.commandTimeout = b.commandTimeout;
        this.connectTimeout = b.connectTimeout;
        this.requestQueueSize = b.requestQueueSize;
        this.keepAlive = b.keepAlive;
        this.tcpUserTimeout = b.tcpUserTimeout;
        this.allocationAttempts = b.allocationAttempts;
        this.maxReconnectDelay = b.maxReconnectDelay;
        this.password = b.password;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** All defaults. */
    public static RedisStoreOptions create() {
        return builder().build();
    }

    /** A builder holding this instance's values. */
    public Builder mutate() {
        return new Builder()
                .uri(uri)
                .commandTimeout(commandTimeout)
                .connectTimeout(connectTimeout)
                .requestQueueSize(requestQueueSize)
                .keepAlive(keepAlive)
                .tcpUserTimeout(tcpUserTimeout)
                .allocationAttempts(allocationAttempts)
                .maxReconnectDelay(maxReconnectDelay)
                .password(password.orElse(null));
    }

    /**
     * Where the Redis AUTH password comes from (an env var or a file, read at every connect so a
     * rotated password is picked up on reconnect). Empty: no AUTH. Never part of {@link #toString()}.
     */
    public java.util.Optional<java.util.function.Supplier<String>> password() {
        return password;
    }

    /**
     * The lettuce URI: {@code redis://[user:password@]host:port/db}, {@code rediss://} for TLS,
     * {@code redis-sentinel://host:port[,host:port]/db#masterName} for Sentinel. Defaults to
     * {@value #DEFAULT_URI}. Prefer a password from env over one inline.
     */
    public String uri() {
        return uri;
    }

    /**
     * Longest wait for one Redis command before the store answers "unavailable". Defaults to 250 ms;
     * must be positive. Store futures also carry a backstop of twice this value.
     */
    public Duration commandTimeout() {
        return commandTimeout;
    }

    /** TCP connect timeout. Defaults to 1 s; must be positive. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * Commands that may wait for a reply on the connection; beyond it commands are rejected at once
     * (fail closed under overload instead of queueing without bound). Defaults to 10,000; at least 1.
     */
    public int requestQueueSize() {
        return requestQueueSize;
    }

    /**
     * Idle time before TCP keep-alive probes start on the Redis connection; probes then follow every
     * {@code max(1 s, keepAlive / 5)}, three of them. Finds a silently dead peer (a Redis host lost
     * without a FIN). Defaults to 5 s; must be positive.
     */
    public Duration keepAlive() {
        return keepAlive;
    }

    /**
     * TCP_USER_TIMEOUT: how long written data may stay unacknowledged before the kernel drops the
     * connection. Only applied with the native epoll or io_uring transport on the classpath; on NIO
     * the JDK offers no such socket option, and keep-alive plus the command timeout bound the outage
     * instead. Defaults to 5 s; must be positive.
     */
    public Duration tcpUserTimeout() {
        return tcpUserTimeout;
    }

    /**
     * The most candidate numbers one {@code create} tries before answering "pool exhausted"; the
     * pool's size when that is smaller. The default covers every number of any pool, so exhaustion
     * means no number is free. Lower it to bound create latency on a large, busy pool (each attempt
     * is one round trip), at the price of refusals while a free number may remain. At least 1.
     */
    public int allocationAttempts() {
        return allocationAttempts;
    }

    /**
     * Upper bound of the (jittered, exponential) delay between reconnect attempts, also for the
     * first connect when Redis is down at start-up. Small, so the gateway is ready again within
     * seconds of Redis coming back. Defaults to 2 s; must be positive.
     */
    public Duration maxReconnectDelay() {
        return maxReconnectDelay;
    }

    /** The URI with any credentials masked; everything else as set. */
    @Override
    public String toString() {
        return "RedisStoreOptions[uri=" + maskCredentials(uri) + ", commandTimeout=" + commandTimeout
                + ", connectTimeout=" + connectTimeout + ", requestQueueSize=" + requestQueueSize
                + ", keepAlive=" + keepAlive + ", tcpUserTimeout=" + tcpUserTimeout
                + ", allocationAttempts=" + allocationAttempts + ", maxReconnectDelay=" + maxReconnectDelay
                + ", password=" + (password.isPresent() ? "[hidden]" : "none") + "]";
    }

    static String maskCredentials(String uri) {
        int scheme = uri.indexOf("://");
        int at = uri.lastIndexOf('@');
        if (scheme < 0 || at < scheme) {
            return uri;
        }
        return uri.substring(0, scheme + 3) + "***" + uri.substring(at);
    }

    /** Builds {@link RedisStoreOptions}; each setter checks its constraint at once. */
    public static final class Builder {
        private String uri = DEFAULT_URI;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private int requestQueueSize = DEFAULT_REQUEST_QUEUE_SIZE;
        private Duration keepAlive = DEFAULT_KEEP_ALIVE;
        private Duration tcpUserTimeout = DEFAULT_TCP_USER_TIMEOUT;
        private int allocationAttempts = DEFAULT_ALLOCATION_ATTEMPTS;
        private Duration maxReconnectDelay = DEFAULT_MAX_RECONNECT_DELAY;
        private java.util.Optional<java.util.function.Supplier<String>> password = java.util.Optional.empty();

        private Builder() {
        }

        /** The AUTH password's source, asked at every connect; {@code null} for none. Default: none. */
        public Builder password(java.util.function.Supplier<String> source) {
            this.password = java.util.Optional.ofNullable(source);
            return this;
        }

        /** @throws IllegalArgumentException when lettuce cannot parse it (the message masks credentials) */
        public Builder uri(String uri) {
            Objects.requireNonNull(uri, "uri");
            try {
                RedisURI.create(uri);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("invalid Redis URI " + maskCredentials(uri)
                        + ": " + e.getClass().getSimpleName());
            }
            this.uri = uri;
            return this;
        }

        public Builder commandTimeout(Duration value) {
            this.commandTimeout = positive(value, "commandTimeout");
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = positive(value, "connectTimeout");
            return this;
        }

        public Builder requestQueueSize(int value) {
            this.requestQueueSize = atLeastOne(value, "requestQueueSize");
            return this;
        }

        public Builder keepAlive(Duration value) {
            this.keepAlive = positive(value, "keepAlive");
            return this;
        }

        public Builder tcpUserTimeout(Duration value) {
            this.tcpUserTimeout = positive(value, "tcpUserTimeout");
            return this;
        }

        public Builder allocationAttempts(int value) {
            this.allocationAttempts = atLeastOne(value, "allocationAttempts");
            return this;
        }

        public Builder maxReconnectDelay(Duration value) {
            this.maxReconnectDelay = positive(value, "maxReconnectDelay");
            return this;
        }

        public RedisStoreOptions build() {
            return new RedisStoreOptions(this);
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }

        private static int atLeastOne(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, was " + value);
            }
            return value;
        }
    }
}
