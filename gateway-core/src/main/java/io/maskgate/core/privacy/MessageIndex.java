package io.maskgate.core.privacy;

import io.maskgate.core.session.SessionId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The SMPP message-id map entries of a session, as tagged by the relay when it stored them
 * ({@code SADD mgp:{b}:sm:<session>} next to the entry's {@code SET}). Deleting them makes the
 * receipts of the session's messages unmatched, which is what erasure asks. Worker threads only.
 */
final class MessageIndex {

    private final RedisCalls redis;

    MessageIndex(RedisCalls redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    /** Deletes the session's message-id entries and their index; @return how many entries were deleted. */
    long deleteFor(SessionId session) {
        Optional<String> index = PrivacyKeys.messageIndexKey(session);
        if (index.isEmpty()) {
            return 0;
        }
        Set<byte[]> members = redis.sync("read message index", r -> r.smembers(index.get()));
        long deleted = 0;
        if (!members.isEmpty()) {
            String[] keys = members.stream().map(m -> new String(m, java.nio.charset.StandardCharsets.UTF_8))
                    .toArray(String[]::new);
            deleted = redis.sync("delete message ids", r -> r.del(keys));
        }
        redis.sync("delete message index", r -> r.del(index.get()));
        return deleted;
    }

    long deleteFor(List<SessionId> sessions) {
        return sessions.stream().mapToLong(this::deleteFor).sum();
    }
}
