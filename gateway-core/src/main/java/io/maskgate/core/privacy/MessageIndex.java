package io.maskgate.core.privacy;

import io.maskgate.core.session.SessionId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The SMPP message-id map entries of a session. The relay seals each entry under the session's
 * receipt key ({@link PrivacyKeys#receiptKeyKey}); deleting that one key makes every entry of the
 * session unreadable wherever it lies until its TTL removes it (crypto-shredding), so the receipts
 * of the session's messages go unmatched, which is what erasure asks. Entries written before the
 * receipt keys were tagged in a set instead ({@code SADD mgp:{b}:sm:<session>}); those are found
 * through the set and deleted one by one. Worker threads only.
 */
final class MessageIndex {

    private final RedisCalls redis;

    MessageIndex(RedisCalls redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    /**
     * Shreds the session's message-id entries (deletes its receipt key) and deletes those of the
     * older set index; @return the receipt keys deleted (0 or 1) plus the set-indexed entries deleted.
     */
    long deleteFor(SessionId session) {
        Optional<String> receiptKey = PrivacyKeys.receiptKeyKey(session);
        if (receiptKey.isEmpty()) {
            return 0; // not an id the store made: the relay kept no receipt key and no index for it
        }
        String index = PrivacyKeys.messageIndexKey(session).orElseThrow();
        long shredded = redis.sync("delete receipt key", r -> r.del(receiptKey.get()));
        Set<byte[]> members = redis.sync("read message index", r -> r.smembers(index));
        long deleted = 0;
        if (!members.isEmpty()) {
            String[] keys = members.stream().map(m -> new String(m, java.nio.charset.StandardCharsets.UTF_8))
                    .toArray(String[]::new);
            deleted = redis.sync("delete message ids", r -> r.del(keys));
        }
        redis.sync("delete message index", r -> r.del(index));
        return shredded + deleted;
    }

    long deleteFor(List<SessionId> sessions) {
        return sessions.stream().mapToLong(this::deleteFor).sum();
    }
}
