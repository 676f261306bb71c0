package io.maskgate.core.session.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.maskgate.core.session.SessionStore.RewrapReport;
import io.maskgate.core.session.codec.RedisKeys;
import io.maskgate.core.session.codec.SessionCodec;
import io.maskgate.core.session.codec.UnreadableEntryException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One re-wrap pass: {@code SCAN mg:*} in pages of {@value #PAGE}, and for each entry not sealed
 * under the current data key, open it, seal it again and write it back with a compare-and-set
 * script that keeps the TTL. An entry deleted, expired or rewritten in between is left alone.
 *
 * <p>SCAN walks one server; on Redis Cluster a pass would have to run against each master.
 */
final class Rewrapper {

    /** Keys per SCAN page; also the most GETs one pass has in flight. */
    static final int PAGE = 500;

    /** How the store runs a command (with its timeout and fail-fast when not connected). */
    interface Commands {
        <T> CompletableFuture<T> call(Function<RedisAsyncCommands<String, byte[]>, CompletionStage<T>> command);
    }

    private final SessionCodec codec;
    private final Commands redis;
    private final Consumer<String> onUnreadable;

    Rewrapper(SessionCodec codec, Commands redis, Consumer<String> onUnreadable) {
        this.codec = codec;
        this.redis = redis;
        this.onUnreadable = onUnreadable;
    }

    CompletableFuture<RewrapReport> run() {
        return page(ScanCursor.INITIAL, new RewrapReport(0, 0, 0));
    }

    private CompletableFuture<RewrapReport> page(ScanCursor cursor, RewrapReport soFar) {
        ScanArgs args = ScanArgs.Builder.matches(RedisKeys.SCAN_PATTERN).limit(PAGE);
        return redis.<KeyScanCursor<String>>call(r -> r.scan(cursor, args))
                .thenCompose(page -> rewrapAll(page.getKeys()).thenCompose(rewrapped -> {
                    int scanned = page.getKeys().size();
                    RewrapReport total = new RewrapReport(soFar.scanned() + scanned,
                            soFar.rewrapped() + rewrapped, soFar.skipped() + scanned - rewrapped);
                    return page.isFinished() ? CompletableFuture.completedFuture(total) : page(page, total);
                }));
    }

    /** Re-wraps one page concurrently; completes with how many entries were replaced. */
    private CompletableFuture<Long> rewrapAll(List<String> keys) {
        List<CompletableFuture<Boolean>> each = keys.stream().map(this::rewrapOne).toList();
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(done -> each.stream().filter(CompletableFuture::join).count());
    }

    private CompletableFuture<Boolean> rewrapOne(String key) {
        if (!RedisKeys.isSealed(key)) {
            return CompletableFuture.completedFuture(false);
        }
        return redis.<byte[]>call(r -> r.get(key)).thenCompose(value -> {
            Optional<byte[]> resealed = value == null ? Optional.empty() : reseal(key, value);
            if (resealed.isEmpty()) {
                return CompletableFuture.completedFuture(false);
            }
            return redis.<Long>call(r -> StoreScripts.COMPARE_AND_SET.runForLong(r, new String[] {key}, value, resealed.get()))
                    .thenApply(replaced -> replaced == 1L);
        });
    }

    private Optional<byte[]> reseal(String key, byte[] value) {
        try {
            return codec.reseal(key, value);
        } catch (UnreadableEntryException e) {
            onUnreadable.accept(key);
            return Optional.empty();
        }
    }
}
