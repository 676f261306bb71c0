package io.maskgate.core.session.codec;

import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.session.SessionId;
import io.maskgate.keystore.BlindIndex;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Names of the session map's entries. Used by the Redis store and, unchanged, by the in-memory one.
 *
 * <h2>Key design</h2>
 * <pre>
 *   bucket  b = hex(HMAC(index key, "bucket|" + proxyE164)[0..4])            8 hex chars
 *   routing     mg:{b}:r:&lt;token(proxyE164 + "|" + callerE164, 16 bytes)&gt;    one per participant
 *   session     mg:{b}:s:&lt;sessionId&gt;                                         the whole session
 *   activity    mg:{b}:a:&lt;sessionId&gt;                                         see {@link Activity}
 *   touched     mg:{b}:t:&lt;same token as its routing key&gt;                      see {@link #touchedKey}
 *   sessionId   b + "-" + 22 chars of base64url (128 random bits)
 * </pre>
 * <ul>
 *   <li><b>No real number in any key.</b> Tokens are HMAC-SHA256 under the index key
 *       ({@link BlindIndex}); without that key the small space of phone numbers cannot be
 *       enumerated to reverse them, unlike a plain hash.</li>
 *   <li><b>One slot per session.</b> {@code {b}} is a Redis Cluster hash tag: only the text between
 *       the braces is hashed, so a session's record and both routing keys - and every candidate
 *       key the allocation script touches for one proxy number - live in one slot, and a Lua script
 *       may touch them together on a cluster.</li>
 *   <li><b>Lookup by id.</b> The session id starts with its bucket, so GET/DELETE by id find the
 *       slot without knowing the proxy number. The rest of the id is random, not derived from
 *       numbers, so the id carries no personal data and may be logged.</li>
 *   <li><b>Values</b> are AES-GCM envelopes sealed with the key name (UTF-8, {@link #aad}) as
 *       associated data: a value copied under another key does not decrypt.</li>
 *   <li>The bucket is 4 bytes of the MAC, computed here with {@link BlindIndex#mac} because
 *       {@link BlindIndex#token} keeps at least 8 bytes. 2^32 buckets spread evenly over the 16,384
 *       cluster slots; all sessions of one proxy number share a slot by design.</li>
 * </ul>
 */
public final class RedisKeys {

    /** Every key this store writes starts with this prefix; {@code SCAN MATCH} pattern for re-wrap. */
    public static final String PREFIX = "mg:";
    public static final String SCAN_PATTERN = PREFIX + "*";

    /** Bytes of the index MAC kept for a routing key: 128 bits, collisions negligible at any scale. */
    public static final int ROUTING_TOKEN_BYTES = 16;
    /** Bytes of the index MAC kept for a bucket. */
    public static final int BUCKET_BYTES = 4;

    private static final int SESSION_RANDOM_BYTES = 16;
    private static final Pattern SESSION_ID = Pattern.compile("[0-9a-f]{8}-[A-Za-z0-9_-]{22}");
    private static final HexFormat HEX = HexFormat.of();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final BlindIndex index;

    public RedisKeys(BlindIndex index) {
        this.index = Objects.requireNonNull(index, "index");
    }

    /** The hash-tag bucket of a proxy number: 8 lowercase hex characters. */
    public String bucket(PhoneNumber proxy) {
        byte[] mac = index.mac(("bucket|" + proxy.e164()).getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(mac, 0, BUCKET_BYTES);
    }

    /** {@code mg:{b}:r:<32 hex>}: where (proxy, caller) finds the caller's counterpart. */
    public String routingKey(PhoneNumber proxy, PhoneNumber caller) {
        return PREFIX + "{" + bucket(proxy) + "}:r:"
                + index.token(proxy.e164() + "|" + caller.e164(), ROUTING_TOKEN_BYTES);
    }

    /** {@code mg:{b}:s:<id>}, or empty when the id was not made by {@link #newSessionId} (so it cannot exist). */
    public Optional<String> sessionKey(SessionId id) {
        if (!SESSION_ID.matcher(id.value()).matches()) {
            return Optional.empty();
        }
        return Optional.of(PREFIX + "{" + id.value().substring(0, 8) + "}:s:" + id.value());
    }

    /**
     * {@code mg:{b}:a:<id>}: the session's activity entry ({@link Activity}), same slot as its
     * record; empty when the id was not made by {@link #newSessionId}.
     */
    public Optional<String> activityKey(SessionId id) {
        return sessionKey(id).map(k -> PREFIX + "{" + id.value().substring(0, 8) + "}:a:" + id.value());
    }

    /**
     * {@code mg:{b}:t:<token>}, the touched marker of the routing key {@code routingKey}: holds the
     * session id (plain ASCII, no personal data) once an interaction of that session was recorded,
     * and lives no longer than the routing key. Read with the routing key in one MGET, it tells the
     * router whether the session is already in progress without another round trip; comparing its
     * value with the entry's session id makes a marker left by an older session of the same pair
     * harmless.
     */
    public static String touchedKey(String routingKey) {
        int at = routingKey.indexOf("}:r:");
        if (at < 0) {
            throw new IllegalArgumentException("not a routing key");
        }
        return routingKey.substring(0, at) + "}:t:" + routingKey.substring(at + 4);
    }

    /** False for the activity entries and touched markers, which are plain values (not envelopes): re-wrap skips them. */
    public static boolean isSealed(String key) {
        return !key.contains("}:a:") && !key.contains("}:t:");
    }

    /** A fresh id in the bucket of {@code proxy}. */
    public SessionId newSessionId(PhoneNumber proxy, Random random) {
        byte[] bytes = new byte[SESSION_RANDOM_BYTES];
        random.nextBytes(bytes);
        return new SessionId(bucket(proxy) + "-" + BASE64URL.encodeToString(bytes));
    }

    /** The associated data a value under {@code key} is sealed with. */
    public static byte[] aad(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
