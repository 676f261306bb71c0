package io.maskgate.core.privacy;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.maskgate.core.events.EventFields;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Walks the interaction-event stream in pages ({@code XRANGE ... COUNT}) and deletes entries
 * ({@code XDEL}) that name an erased subject or outlived their purpose's retention. Bounded: at
 * most {@code maxScan} entries per pass, so a huge stream costs a bounded amount of Redis time
 * per erasure or retention run (the stream's own MAXLEN caps it anyway). Worker threads only.
 */
final class EventStreamScan {

    static final int PAGE = 500;

    private final RedisCalls redis;
    private final String stream;
    private final long maxScan;

    EventStreamScan(RedisCalls redis, String stream, long maxScan) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.stream = Objects.requireNonNull(stream, "stream");
        this.maxScan = maxScan;
    }

    /** Deletes the entries naming {@code subject} (as caller or callee) or one of {@code sessions}; @return how many. */
    long eraseNaming(String subject, Set<String> sessions) {
        return scan((id, fields) -> subject.equals(fields.get(EventFields.CALLER))
                || subject.equals(fields.get(EventFields.CALLEE))
                || sessions.contains(fields.getOrDefault(EventFields.SESSION, "")), Optional.empty());
    }

    /**
     * Deletes the entries older than their purpose's retention (entries without a purpose: the
     * default). Stops at the first entry younger than the shortest retention: later ones are younger.
     */
    long purgeExpired(RetentionPolicy policy, Instant now) {
        Instant stopAt = now.minus(policy.shortest());
        return scan((id, fields) -> policy.expired(fields.getOrDefault(EventFields.PURPOSE, ""), timeOf(id), now),
                Optional.of(stopAt));
    }

    private long scan(BiPredicate<String, Map<String, String>> doomed, Optional<Instant> stopAt) {
        long scanned = 0;
        long deleted = 0;
        Range.Boundary<String> from = Range.Boundary.unbounded();
        while (scanned < maxScan) {
            Range<String> range = Range.from(from, Range.Boundary.unbounded());
            int page = (int) Math.min(PAGE, maxScan - scanned);
            List<StreamMessage<String, byte[]>> entries = redis.sync("scan events",
                    r -> r.xrange(stream, range, Limit.from(page)));
            if (entries.isEmpty()) {
                break;
            }
            scanned += entries.size();
            List<String> delete = new ArrayList<>();
            boolean stop = false;
            for (StreamMessage<String, byte[]> e : entries) {
                if (stopAt.isPresent() && !timeOf(e.getId()).isBefore(stopAt.get())) {
                    stop = true;
                    break;
                }
                if (doomed.test(e.getId(), text(e.getBody()))) {
                    delete.add(e.getId());
                }
            }
            if (!delete.isEmpty()) {
                deleted += redis.sync("delete events", r -> r.xdel(stream, delete.toArray(String[]::new)));
            }
            if (stop || entries.size() < page) {
                break;
            }
            from = Range.Boundary.excluding(entries.get(entries.size() - 1).getId());
        }
        return deleted;
    }

    /** The time in a stream entry id ({@code <ms>-<seq>}): when Redis appended it. */
    static Instant timeOf(String id) {
        int dash = id.indexOf('-');
        return Instant.ofEpochMilli(Long.parseLong(dash < 0 ? id : id.substring(0, dash)));
    }

    private static Map<String, String> text(Map<String, byte[]> body) {
        Map<String, String> out = new java.util.HashMap<>();
        body.forEach((k, v) -> out.put(k, new String(v, StandardCharsets.UTF_8)));
        return out;
    }
}
