package io.maskgate.core.session.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A Lua script run by its SHA-1 ({@code EVALSHA}), falling back to {@code EVAL} when Redis answers
 * NOSCRIPT. The digest is computed here: it is by definition what {@code SCRIPT LOAD} returns, so
 * no round trip is needed at start-up, and the fallback covers a script cache emptied by a Redis
 * restart or failover ({@code EVAL} caches the script again for the next call).
 */
final class LuaScript {

    private final String text;
    private final String sha;

    LuaScript(String text) {
        this.text = text;
        this.sha = sha1Hex(text);
    }

    String sha() {
        return sha;
    }

    CompletableFuture<Long> runForLong(RedisAsyncCommands<String, byte[]> redis, String[] keys, byte[]... args) {
        CompletableFuture<Long> first = redis.<Long>evalsha(sha, ScriptOutputType.INTEGER, keys, args).toCompletableFuture();
        return first.handle((result, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(result);
            }
            if (unwrap(error) instanceof RedisNoScriptException) {
                return redis.<Long>eval(text, ScriptOutputType.INTEGER, keys, args).toCompletableFuture();
            }
            return CompletableFuture.<Long>failedFuture(unwrap(error));
        }).thenCompose(f -> f);
    }

    static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private static String sha1Hex(String text) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(sha1.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java platform", e);
        }
    }
}
