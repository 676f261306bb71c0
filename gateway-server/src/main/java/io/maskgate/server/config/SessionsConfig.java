package io.maskgate.server.config;

import static io.maskgate.server.config.GatewayConfigDef.SESSIONS_CLOSED_RETENTION_SECONDS;
import static io.maskgate.server.config.GatewayConfigDef.SESSIONS_DEFAULT_TTL_SECONDS;
import static io.maskgate.server.config.GatewayConfigDef.SESSIONS_MAX_TTL_SECONDS;
import static io.maskgate.server.config.GatewayConfigDef.SESSIONS_OUT_OF_SESSION_FALLBACK_NUMBER;
import static io.maskgate.server.config.GatewayConfigDef.SESSIONS_OUT_OF_SESSION_SIP;
import static io.maskgate.server.config.GatewayConfigDef.SESSIONS_OUT_OF_SESSION_SIP_REASON;
import static io.maskgate.server.config.GatewayConfigDef.SESSIONS_OUT_OF_SESSION_SIP_STATUS;

import io.maskgate.core.number.PhoneNumber;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Session lifetimes the API hands out, how long closed sessions stay readable, and what an
 * out-of-session caller gets.
 */
public record SessionsConfig(Duration maxTtl, Duration defaultTtl, Duration closedRetention, OutOfSession outOfSession) {

    /** The SIP statuses {@code sessions.outOfSession.sipStatus} accepts (the B2BUA's own list). */
    public static final Set<Integer> OUT_OF_SESSION_STATUSES = io.maskgate.sip.b2bua.B2buaOptions.NO_SESSION_STATUSES;
    /** What {@code sessions.outOfSession.sipReason} must match (the B2BUA's own rule). */
    public static final String REASON_PHRASE = io.maskgate.sip.b2bua.B2buaOptions.REASON_PHRASE.pattern();

    public SessionsConfig {
        Objects.requireNonNull(maxTtl, "maxTtl");
        Objects.requireNonNull(defaultTtl, "defaultTtl");
        Objects.requireNonNull(closedRetention, "closedRetention");
        Objects.requireNonNull(outOfSession, "outOfSession");
    }

    /** Out-of-session callers answered 404. */
    public SessionsConfig(Duration maxTtl, Duration defaultTtl, Duration closedRetention) {
        this(maxTtl, defaultTtl, closedRetention, OutOfSession.DEFAULT);
    }

    /** With the default closed retention (7 days). */
    public SessionsConfig(Duration maxTtl, Duration defaultTtl) {
        this(maxTtl, defaultTtl, io.maskgate.core.session.SessionStore.DEFAULT_CLOSED_RETENTION);
    }

    /**
     * An out-of-session SIP caller (not a participant of a live session on the dialled number):
     * answered {@code sipStatus} with {@code sipReason}, unless {@code fallback} is present, in which
     * case the call is placed to that number presenting the proxy number. SMS is always refused.
     */
    public record OutOfSession(int sipStatus, Optional<String> sipReason, Optional<PhoneNumber> fallback) {
        public static final OutOfSession DEFAULT = new OutOfSession(404, Optional.empty(), Optional.empty());

        public OutOfSession {
            Objects.requireNonNull(sipReason, "sipReason");
            Objects.requireNonNull(fallback, "fallback");
        }
    }

    static SessionsConfig from(ConfigValues v) {
        int max = v.integer(SESSIONS_MAX_TTL_SECONDS);
        int def = v.integer(SESSIONS_DEFAULT_TTL_SECONDS);
        if (def > max) {
            throw new ConfigException(SESSIONS_DEFAULT_TTL_SECONDS,
                    "must be at most " + SESSIONS_MAX_TTL_SECONDS + " (" + max + "), was " + def);
        }
        return new SessionsConfig(Duration.ofSeconds(max), Duration.ofSeconds(def),
                Duration.ofSeconds(v.integer(SESSIONS_CLOSED_RETENTION_SECONDS)), outOfSession(v));
    }

    private static OutOfSession outOfSession(ConfigValues v) {
        boolean redirect = v.string(SESSIONS_OUT_OF_SESSION_SIP).equals("redirect");
        Optional<String> number = v.optionalString(SESSIONS_OUT_OF_SESSION_FALLBACK_NUMBER);
        if (redirect && number.isEmpty()) {
            throw new ConfigException(SESSIONS_OUT_OF_SESSION_FALLBACK_NUMBER,
                    "is required when " + SESSIONS_OUT_OF_SESSION_SIP + " is redirect");
        }
        Optional<PhoneNumber> fallback = Optional.empty();
        if (redirect) {
            try {
                fallback = Optional.of(PhoneNumber.ofE164(number.get()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(SESSIONS_OUT_OF_SESSION_FALLBACK_NUMBER, "must be a number in E.164");
            }
        }
        return new OutOfSession(v.integer(SESSIONS_OUT_OF_SESSION_SIP_STATUS),
                v.optionalString(SESSIONS_OUT_OF_SESSION_SIP_REASON), fallback);
    }
}
