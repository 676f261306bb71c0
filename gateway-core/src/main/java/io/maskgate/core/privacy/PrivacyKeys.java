package io.maskgate.core.privacy;

import io.maskgate.core.session.SessionId;
import io.maskgate.keystore.BlindIndex;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Names of the Redis entries the privacy controls keep. No subject id and no number in any name.
 * <pre>
 *   T = token("subject|" + len(subjectId) + ":" + subjectId, 16 bytes)     32 hex, the subject's blind index
 *   mgp:subj:T                 hash: session id -> sealed {@link SessionSummary}   (the subject index)
 *   mgp:sk:T                   hash: purpose|epoch -> wrapped per-subject data key (decision-log fields)
 *   mgp:{b}:sm:&lt;sessionId&gt;     set: names of the session's SMPP message-id map entries (written before
 *                              the receipt keys below; still deleted on erasure, no longer written)
 *   mg:{b}:rk:&lt;sessionId&gt;      sealed string: the session's receipt key, under which the SMPP relay seals
 *                              the session's message-id map entries; deleting it shreds them all
 * </pre>
 * <b>Why {@code mgp:} and not {@code mg:}:</b> every {@code mg:*} key is a sealed string that the
 * session store's re-wrap pass ({@code SCAN mg:*} then {@code GET}) re-encrypts; a hash or a set
 * there would make that pass fail with WRONGTYPE. The consent cache keeps {@code mgc:} for the
 * same reason. The session id begins with its bucket {@code b}, so the session's record key
 * ({@code mg:{b}:s:<id>}) is rebuilt from the id alone: the index needs nothing else to find it.
 */
public final class PrivacyKeys {

    public static final String PREFIX = "mgp:";
    /** SCAN pattern of every subject index. */
    public static final String SUBJECT_INDEX_PATTERN = PREFIX + "subj:*";
    /** SCAN pattern of every subject key hash. */
    public static final String SUBJECT_KEYS_PATTERN = PREFIX + "sk:*";
    static final int TOKEN_BYTES = 16;
    /** Length of a store-made session id: 8 hex (the bucket), '-', 22 base64url characters. */
    private static final int SESSION_ID_LENGTH = 31;

    private final BlindIndex index;

    public PrivacyKeys(BlindIndex index) {
        this.index = Objects.requireNonNull(index, "index");
    }

    /** The subject's blind index: lowercase hex, names the subject without revealing its id. */
    public String subjectToken(String subjectId) {
        Objects.requireNonNull(subjectId, "subjectId");
        return index.token("subject|" + subjectId.length() + ":" + subjectId, TOKEN_BYTES);
    }

    public static String subjectIndexKey(String token) {
        return PREFIX + "subj:" + token;
    }

    public static String subjectKeysKey(String token) {
        return PREFIX + "sk:" + token;
    }

    /**
     * The set naming a session's message-id map entries, in the session's hash-tag bucket; empty
     * for an id the session store did not make (it has no bucket).
     */
    public static Optional<String> messageIndexKey(SessionId session) {
        return inSessionBucket(PREFIX, "sm", session);
    }

    /**
     * The session's receipt key (see the table above), in the session's bucket; empty for an id the
     * session store did not make. Under {@code mg:} on purpose: it is a sealed string with the key
     * as associated data, so the re-wrap pass rotates it like the routing entries.
     */
    public static Optional<String> receiptKeyKey(SessionId session) {
        return inSessionBucket("mg:", "rk", session);
    }

    /** {@code <prefix>{<bucket>}:<kind>:<session>}, the bucket being the id's first 8 hex digits. */
    private static Optional<String> inSessionBucket(String prefix, String kind, SessionId session) {
        String id = session.value();
        if (!madeByTheStore(id)) {
            return Optional.empty();
        }
        return Optional.of(prefix + "{" + id.substring(0, 8) + "}:" + kind + ":" + id);
    }

    /**
     * {@code [0-9a-f]{8}-[A-Za-z0-9_-]{22}}, checked by hand: this runs for every relayed SMS that
     * asks for a receipt, and a regex match cost more than the rest of building the key.
     */
    static boolean madeByTheStore(String id) {
        if (id.length() != SESSION_ID_LENGTH || id.charAt(8) != '-') {
            return false;
        }
        for (int i = 0; i < SESSION_ID_LENGTH; i++) {
            char c = id.charAt(i);
            boolean ok = i < 8 ? (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')
                    : i == 8 || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                            || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The token part of a {@code mgp:subj:T} or {@code mgp:sk:T} key. */
    static String tokenOf(String key) {
        return key.substring(key.lastIndexOf(':') + 1);
    }

    static byte[] aad(String key, String field) {
        return (key + "|" + field).getBytes(StandardCharsets.UTF_8);
    }
}
