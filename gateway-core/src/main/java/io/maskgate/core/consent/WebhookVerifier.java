package io.maskgate.core.consent;

import io.lettuce.core.SetArgs;
import io.maskgate.core.consent.WebhookResult.Status;
import io.maskgate.core.routing.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies the consent platform's signed revocation webhook.
 *
 * <h2>Contract</h2>
 * <pre>
 * POST (the admin route)
 * X-MaskGate-Timestamp: 1767225600                      unix seconds when the platform signed it
 * X-MaskGate-Signature: v1=&lt;64 hex&gt;                      HMAC-SHA256(secret, timestamp + "." + body)
 *
 * {"subjectId":"cust-123","purpose":"delivery","channel":"voice","revocationId":"rev-42"}
 *     purpose: a purpose, or null/absent = every purpose
 *     channel: "voice" | "sms", or null/absent = both
 * </pre>
 * Checks, in order: headers well-formed (else MALFORMED); timestamp within {@code tolerance} of
 * now, either way (else STALE); signature equal, compared in constant time (else BAD_SIGNATURE);
 * body as above, at most {@value #MAX_BODY_BYTES} bytes (else MALFORMED); signature not seen
 * before within the window, on this node (memory) or any node ({@code SET NX} in Redis), else
 * REPLAY. The signature covers the timestamp, so a replay with a fresh timestamp fails the
 * signature, and one with the old timestamp is either seen or stale.
 *
 * <p>When Redis does not answer, the replay check is local only and the webhook is accepted:
 * a replayed revocation can only withdraw consent again, while refusing a genuine one would keep a
 * revoked grant alive.
 */
public final class WebhookVerifier {

    public static final String TIMESTAMP_HEADER = "X-MaskGate-Timestamp";
    public static final String SIGNATURE_HEADER = "X-MaskGate-Signature";
    /** Default tolerance between the signed timestamp and this node's clock: 300 s. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(300);
    /** Largest body accepted. */
    public static final int MAX_BODY_BYTES = 16 * 1024;
    /** Shortest shared secret accepted: 128 bits. */
    public static final int MIN_SECRET_BYTES = 16;
    /** Signatures remembered in memory at most; beyond it the oldest go first (Redis still knows them). */
    static final int MAX_REMEMBERED = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(WebhookVerifier.class);
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
    private static final Pattern SIGNATURE = Pattern.compile("v1=([0-9a-fA-F]{64})");
    private static final HexFormat HEX = HexFormat.of();

    private final Supplier<byte[]> secret;
    private final Duration tolerance;
    private final SharedDecisions redis;
    private final Clock clock;
    private final Map<Status, Counter> rejected = new EnumMap<>(Status.class);
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

    /**
     * @param secret the shared secret, asked for on each webhook (so a rotated file takes effect);
     *     at least {@value #MIN_SECRET_BYTES} bytes, checked here once
     * @param tolerance how far the signed timestamp may be from now, either way; positive
     * @param redis where other nodes' seen signatures are
     */
    public WebhookVerifier(Supplier<byte[]> secret, Duration tolerance, ConsentRedis redis,
                           io.maskgate.keystore.KeyRing keys, Clock clock, MeterRegistry registry) {
        this.secret = Objects.requireNonNull(secret, "secret");
        this.tolerance = HttpSourceOptions.Builder.positive(tolerance, "tolerance");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.redis = new SharedDecisions(Objects.requireNonNull(redis, "redis"), keys, clock,
                ConsentCacheOptions.DEFAULT_REDIS_TIMEOUT);
        requireSecret(secret.get());
        for (Status s : Status.values()) {
            if (s != Status.OK) {
                rejected.put(s, ConsentMetrics.webhookRejected(registry, s));
            }
        }
    }

    /** Checks one webhook; headers as received (empty when absent). Never completes exceptionally. */
    public CompletableFuture<WebhookResult> verify(Optional<String> timestamp, Optional<String> signature, byte[] body) {
        Objects.requireNonNull(body, "body");
        var ts = timestamp.map(String::trim).filter(t -> TIMESTAMP.matcher(t).matches());
        var sig = signature.map(String::trim).map(SIGNATURE::matcher).filter(java.util.regex.Matcher::matches)
                .map(m -> m.group(1).toLowerCase(Locale.ROOT));
        if (ts.isEmpty() || sig.isEmpty() || body.length > MAX_BODY_BYTES) {
            return done(Status.MALFORMED);
        }
        Instant now = clock.instant();
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(ts.get()));
        if (Duration.between(signedAt, now).abs().compareTo(tolerance) > 0) {
            return done(Status.STALE);
        }
        if (!MessageDigest.isEqual(mac(ts.get(), body), HEX.parseHex(sig.get()))) {
            return done(Status.BAD_SIGNATURE);
        }
        Revocation revocation;
        try {
            revocation = parse(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return done(Status.MALFORMED);
        }
        if (!rememberLocally(sig.get(), now)) {
            return done(Status.REPLAY);
        }
        return rememberShared(sig.get(), revocation);
    }

    private CompletableFuture<WebhookResult> rememberShared(String signatureHex, Revocation revocation) {
        byte[] marker = {1};
        // Kept for twice the tolerance: a timestamp is valid for tolerance on either side of now.
        long keepMillis = tolerance.multipliedBy(2).toMillis();
        return redis.call(r -> r.set(ConsentKeys.replayKey(signatureHex), marker, SetArgs.Builder.nx().px(keepMillis)))
                .handle((reply, error) -> {
                    if (error != null) {
                        LOG.warn("Webhook replay check local only, Redis did not answer: {}",
                                error.getClass().getSimpleName());
                        return WebhookResult.ok(revocation);
                    }
                    if (!"OK".equals(reply)) {
                        rejected.get(Status.REPLAY).increment();
                        return WebhookResult.rejected(Status.REPLAY);
                    }
                    return WebhookResult.ok(revocation);
                });
    }

    /** False when this node saw the signature within the window. */
    private synchronized boolean rememberLocally(String signatureHex, Instant now) {
        Iterator<Map.Entry<String, Instant>> oldest = seen.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<String, Instant> e = oldest.next();
            if (e.getValue().isAfter(now) && seen.size() < MAX_REMEMBERED) {
                break;
            }
            oldest.remove();
        }
        return seen.putIfAbsent(signatureHex, now.plus(tolerance.multipliedBy(2))) == null;
    }

    private byte[] mac(String timestamp, byte[] body) {
        byte[] key = secret.get();
        requireSecret(key);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static void requireSecret(byte[] key) {
        if (key == null || key.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("webhook secret must have at least " + MIN_SECRET_BYTES + " bytes");
        }
    }

    static Revocation parse(String json) {
        Map<String, Object> members = FlatJson.parseObject(json);
        Optional<Channel> channel = FlatJson.optionalString(members, "channel").map(c -> switch (c) {
            case "voice" -> Channel.VOICE;
            case "sms" -> Channel.SMS;
            default -> throw new IllegalArgumentException("channel must be voice, sms or null");
        });
        return new Revocation(FlatJson.requiredString(members, "subjectId"),
                FlatJson.optionalString(members, "purpose"), channel,
                FlatJson.requiredString(members, "revocationId"));
    }

    private CompletableFuture<WebhookResult> done(Status status) {
        rejected.get(status).increment();
        return CompletableFuture.completedFuture(WebhookResult.rejected(status));
    }
}
