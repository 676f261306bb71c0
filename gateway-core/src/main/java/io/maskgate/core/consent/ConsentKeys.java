package io.maskgate.core.consent;

import io.maskgate.core.routing.Channel;
import io.maskgate.keystore.BlindIndex;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Names of the consent entries in Redis.
 * <pre>
 *   S = token("consent|" + len(subject) + ":" + subject, 16 bytes)                      32 hex
 *   decision   mgc:{S}:d:&lt;token(len-prefixed subject|purpose|channel, 16 bytes)&gt;    sealed, PX = capped TTL
 *   epoch      mgc:{S}:e                                    revocation counter, INCR on each revocation
 *   replay     mgc:wh:&lt;signature hex&gt;                    a verified webhook signature, NX PX 2 x tolerance
 *   channel    mgc:revocations                              pub/sub, sealed revocation messages
 * </pre>
 * No subject id in clear in a key: tokens are HMAC-SHA256 under the index key. Fields are length
 * prefixed so two different (subject, purpose) pairs can never produce the same token input.
 * {@code {S}} is a Cluster hash tag: a subject's decisions and its epoch share a slot, so one MGET
 * reads both. The prefix is {@code mgc:}, outside the session store's {@code mg:*} re-wrap scan:
 * consent entries live at most {@code maxCacheTtl}, far less than a data key's lifetime, so they
 * need no re-wrap; one sealed under a key no longer loaded fails to open and counts as a miss.
 */
final class ConsentKeys {

    static final String PREFIX = "mgc:";
    static final String REVOCATION_CHANNEL = PREFIX + "revocations";
    static final int TOKEN_BYTES = 16;

    private final BlindIndex index;

    ConsentKeys(BlindIndex index) {
        this.index = Objects.requireNonNull(index, "index");
    }

    String subjectToken(String subjectId) {
        return index.token("consent|" + field(subjectId), TOKEN_BYTES);
    }

    String decisionKey(String subjectId, String purpose, Channel channel) {
        return PREFIX + "{" + subjectToken(subjectId) + "}:d:"
                + index.token(field(subjectId) + "|" + field(purpose) + "|" + channel.tag(), TOKEN_BYTES);
    }

    String epochKey(String subjectId) {
        return PREFIX + "{" + subjectToken(subjectId) + "}:e";
    }

    static String replayKey(String signatureHex) {
        return PREFIX + "wh:" + signatureHex;
    }

    static byte[] aad(String keyOrChannel) {
        return keyOrChannel.getBytes(StandardCharsets.UTF_8);
    }

    private static String field(String s) {
        return s.length() + ":" + s;
    }
}
