package io.maskgate.core.consent;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How {@link HttpConsentSource} reaches the consent platform. Immutable; build with
 * {@link #builder(URI)}, change a copy with {@link #mutate()}.
 */
public final class HttpSourceOptions {

    /** Default {@link #timeout()}: 300 ms. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(300);
    /** Default {@link #connectTimeout()}: 1 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);

    private final URI baseUri;
    private final Duration timeout;
    private final Duration connectTimeout;
    private final Supplier<Optional<String>> bearerToken;

    private HttpSourceOptions(Builder b) {
        this.baseUri = b.baseUri;
        this.timeout = b.timeout;
        this.connectTimeout = b.connectTimeout;
        this.bearerToken = b.bearerToken;
    }

    public static Builder builder(URI baseUri) {
        return new Builder(baseUri);
    }

    public Builder mutate() {
        return new Builder(baseUri).timeout(timeout).connectTimeout(connectTimeout).bearerToken(bearerToken);
    }

    /**
     * The platform's base URI, {@code http} or {@code https}, without query or fragment; the check
     * is POSTed to {@code {base}/v1/consent/check}. No default.
     */
    public URI baseUri() {
        return baseUri;
    }

    /**
     * Longest wait for the platform's answer (response headers), per request. Beyond it the check
     * fails and the gate answers UNAVAILABLE. Defaults to 300 ms; must be positive.
     */
    public Duration timeout() {
        return timeout;
    }

    /** TCP (and TLS) connect timeout for new connections. Defaults to 1 s; must be positive. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * Supplies the bearer token for each request, or empty for none; called per request so a
     * rotated token (e.g. re-read from a file) takes effect at once. Defaults to none.
     */
    public Supplier<Optional<String>> bearerToken() {
        return bearerToken;
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return "HttpSourceOptions[baseUri=" + baseUri + ", timeout=" + timeout + ", connectTimeout="
                + connectTimeout + ", bearerToken=[hidden]]";
    }

    /** Builds {@link HttpSourceOptions}; each setter checks its constraint at once. */
    public static final class Builder {
        private final URI baseUri;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Supplier<Optional<String>> bearerToken = Optional::empty;

        private Builder(URI baseUri) {
            Objects.requireNonNull(baseUri, "baseUri");
            String scheme = baseUri.getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme)) {
                throw new IllegalArgumentException("consent platform URI must be http or https, was " + scheme);
            }
            if (baseUri.getHost() == null || baseUri.getRawQuery() != null || baseUri.getRawFragment() != null) {
                throw new IllegalArgumentException("consent platform URI needs a host and no query or fragment");
            }
            this.baseUri = baseUri;
        }

        public Builder timeout(Duration value) {
            this.timeout = positive(value, "timeout");
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = positive(value, "connectTimeout");
            return this;
        }

        public Builder bearerToken(Supplier<Optional<String>> value) {
            this.bearerToken = Objects.requireNonNull(value, "bearerToken");
            return this;
        }

        public HttpSourceOptions build() {
            return new HttpSourceOptions(this);
        }

        static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
