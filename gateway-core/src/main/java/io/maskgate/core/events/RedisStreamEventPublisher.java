package io.maskgate.core.events;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends each event to a Redis Stream with {@code XADD <stream> MAXLEN ~ <n> * field value ...};
 * the CDP/analytics stack reads it through consumer groups ({@code XREADGROUP}).
 *
 * <p>Never blocks the caller: the command is sent asynchronously on the shared, fail-closed
 * connection (which rejects commands at once while disconnected), and the number of unacknowledged
 * events is capped ({@link EventStreamOptions#maxInFlight()}) so a slow Redis costs bounded memory.
 * Every event not delivered is counted in {@value EventMetrics#FAILED} by cause; the first failure
 * after a healthy period is logged at WARN and the recovery at INFO, so an outage does not flood
 * the log.
 *
 * <p>The connection is not owned here: {@code commands} yields the shared connector's async API
 * once it has connected (empty before), and whoever owns the connector closes it.
 */
public final class RedisStreamEventPublisher implements EventPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(RedisStreamEventPublisher.class);

    private enum Cause { UNAVAILABLE, ERROR, BACKLOG }

    private final EventStreamOptions options;
    private final Supplier<Optional<RedisAsyncCommands<String, byte[]>>> commands;
    private final XAddArgs addArgs;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean delivering = new AtomicBoolean(true);
    private final Map<EventType, Counter> published = new EnumMap<>(EventType.class);
    private final Map<Cause, Counter> failed = new EnumMap<>(Cause.class);
    private final Map<String, Counter> masked = new LinkedHashMap<>();
    private volatile boolean closed;

    /**
     * @param commands the shared connection's async commands, empty while not yet connected
     */
    public RedisStreamEventPublisher(EventStreamOptions options,
            Supplier<Optional<RedisAsyncCommands<String, byte[]>>> commands, MeterRegistry registry) {
        this.options = Objects.requireNonNull(options, "options");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.addArgs = XAddArgs.Builder.maxlen(options.maxLength()).approximateTrimming();
        for (EventType type : EventType.values()) {
            published.put(type, Counter.builder(EventMetrics.PUBLISHED).tag(EventMetrics.TAG_TYPE, type.wireName())
                    .description("Interaction events accepted by the Redis stream").register(registry));
        }
        for (Cause cause : Cause.values()) {
            failed.put(cause, Counter.builder(EventMetrics.FAILED).tag(EventMetrics.TAG_CAUSE, tag(cause))
                    .description("Interaction events not delivered").register(registry));
        }
        for (String field : new String[] {EventFields.PURPOSE, EventFields.CALLER, EventFields.CALLEE}) {
            masked.put(field, Counter.builder(EventMetrics.MASKED_FIELDS).tag(EventMetrics.TAG_FIELD, field)
                    .description("Event text fields masked because they looked like a phone number").register(registry));
        }
        Gauge.builder(EventMetrics.IN_FLIGHT, inFlight, AtomicInteger::get)
                .description("Interaction events sent and not yet acknowledged").register(registry);
    }

    @Override
    public void publish(InteractionEvent event) {
        Objects.requireNonNull(event, "event");
        countMasked(event);
        Optional<RedisAsyncCommands<String, byte[]>> redis = closed ? Optional.empty() : commands.get();
        if (redis.isEmpty()) {
            failed(Cause.UNAVAILABLE, "no Redis connection");
            return;
        }
        if (inFlight.incrementAndGet() > options.maxInFlight()) {
            inFlight.decrementAndGet();
            failed(Cause.BACKLOG, "more than " + options.maxInFlight() + " events in flight");
            return;
        }
        RedisFuture<String> reply;
        try {
            reply = redis.get().xadd(options.stream(), addArgs, body(event));
        } catch (RuntimeException e) {
            // lettuce reports most problems through the future; anything thrown here is one too.
            inFlight.decrementAndGet();
            failed(Cause.ERROR, e.getClass().getSimpleName());
            return;
        }
        reply.whenComplete((id, error) -> {
            inFlight.decrementAndGet();
            if (error == null) {
                published.get(event.type()).increment();
                if (delivering.compareAndSet(false, true)) {
                    LOG.info("interaction events are delivered to stream {} again", options.stream());
                }
            } else {
                failed(Cause.ERROR, error.getClass().getSimpleName());
            }
        });
    }

    /** Events sent and not yet acknowledged. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Later events are dropped and counted as unavailable; the shared connection stays open. */
    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "RedisStreamEventPublisher[" + options + "]";
    }

    private static Map<String, byte[]> body(InteractionEvent event) {
        Map<String, byte[]> body = new LinkedHashMap<>();
        EventFields.of(event).forEach((k, v) -> body.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return body;
    }

    private void countMasked(InteractionEvent event) {
        event.purpose().filter(SafeText::masked).ifPresent(t -> masked.get(EventFields.PURPOSE).increment());
        event.callerId().filter(SafeText::masked).ifPresent(t -> masked.get(EventFields.CALLER).increment());
        event.calleeId().filter(SafeText::masked).ifPresent(t -> masked.get(EventFields.CALLEE).increment());
    }

    private void failed(Cause cause, String detail) {
        failed.get(cause).increment();
        if (delivering.compareAndSet(true, false)) {
            LOG.warn("interaction events are not delivered to stream {} ({}: {}); calls are unaffected, "
                    + "failures are counted in {}", options.stream(), tag(cause), detail, EventMetrics.FAILED);
        }
    }

    private static String tag(Cause cause) {
        return cause.name().toLowerCase(java.util.Locale.ROOT);
    }
}
