package io.maskgate.smpp.receipt;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.output.BooleanOutput;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.output.ValueOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.maskgate.core.session.redis.StringBytesCodec;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A few commands handed to the shared connection in one dispatch, with one future for all of them.
 *
 * <p>Issued one by one from a thread outside the event loop, each command is its own event-loop
 * task (a queue offer, often a wake-up) and its own completion stage; a relayed message's
 * receipt-map write can be two (the entry, and now and then its session's receipt key extended),
 * and profiles showed that per-command overhead on the submit path. One dispatch is one task and
 * one write; the commands and their order on the wire are unchanged. Redis answers a
 * connection's commands in order, so when the last one completes the others have completed too;
 * {@link #settle} still checks, and waits for all of them otherwise.
 */
final class CommandBatch {
    /** The shared connection's codec: UTF-8 string keys, raw byte values, written straight to the buffer. */
    private static final StringBytesCodec CODEC = StringBytesCodec.INSTANCE;

    private CommandBatch() {}

    /** {@code SET key value PX ttl}. */
    static AsyncCommand<String, byte[], String> setPx(String key, byte[] value, long ttlMillis) {
        return new AsyncCommand<>(new Command<>(CommandType.SET, new StatusOutput<>(CODEC),
                new CommandArgs<>(CODEC).addKey(key).addValue(value).add("PX").add(ttlMillis)));
    }

    /** {@code SET key value NX PX ttl}: null when the key was there already. */
    static AsyncCommand<String, byte[], String> setNxPx(String key, byte[] value, long ttlMillis) {
        return new AsyncCommand<>(new Command<>(CommandType.SET, new StatusOutput<>(CODEC),
                new CommandArgs<>(CODEC).addKey(key).addValue(value).add("NX").add("PX").add(ttlMillis)));
    }

    /** {@code GET key}. */
    static AsyncCommand<String, byte[], byte[]> get(String key) {
        return new AsyncCommand<>(new Command<>(CommandType.GET, new ValueOutput<>(CODEC),
                new CommandArgs<>(CODEC).addKey(key)));
    }

    /** {@code PEXPIRE key ttl}. */
    static AsyncCommand<String, byte[], Boolean> pexpire(String key, long ttlMillis) {
        return new AsyncCommand<>(new Command<>(CommandType.PEXPIRE, new BooleanOutput<>(CODEC),
                new CommandArgs<>(CODEC).addKey(key).add(ttlMillis)));
    }

    /**
     * Dispatches {@code commands} (at least one) in one go; the future completes when all have,
     * normally or with the first failure in dispatch order.
     */
    static CompletableFuture<Void> send(StatefulConnection<String, byte[]> connection,
            List<AsyncCommand<String, byte[], ?>> commands) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        connection.dispatch(commands);
        commands.get(commands.size() - 1).whenComplete((value, error) -> settle(commands, done));
        return done;
    }

    private static void settle(List<AsyncCommand<String, byte[], ?>> commands, CompletableFuture<Void> done) {
        for (AsyncCommand<String, byte[], ?> command : commands) {
            if (!command.isDone()) {
                // Not expected on one connection; wait for the stragglers rather than assume.
                CompletableFuture.allOf(commands.toArray(CompletableFuture[]::new))
                        .whenComplete((value, error) -> settle(commands, done));
                return;
            }
        }
        for (AsyncCommand<String, byte[], ?> command : commands) {
            if (command.isCompletedExceptionally()) {
                done.completeExceptionally(failureOf(command));
                return;
            }
        }
        done.complete(null);
    }

    private static Throwable failureOf(CompletableFuture<?> failed) {
        try {
            failed.join();
            return new IllegalStateException("command completed exceptionally but joined normally");
        } catch (CompletionException e) {
            return e.getCause() != null ? e.getCause() : e;
        } catch (CancellationException e) {
            return e;
        }
    }
}
