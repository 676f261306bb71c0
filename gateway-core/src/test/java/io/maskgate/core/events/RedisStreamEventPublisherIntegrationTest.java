package io.maskgate.core.events;

import static io.maskgate.core.events.EventFixtures.CUSTOMER;
import static io.maskgate.core.events.EventFixtures.RIDER;
import static io.maskgate.core.events.EventFixtures.event;
import static io.maskgate.core.events.EventFixtures.everyType;
import static io.maskgate.core.events.EventFixtures.forms;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.Consumer;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.routing.Decision;
import io.maskgate.testing.RedisServer;
import io.maskgate.testing.RedisServerExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Against a real redis-server. The publisher gets its connection the way the gateway will give it
 * one (the shared connector's async API); here a client with the same fail-closed options stands in
 * for the connector, which is package-private to the session store.
 */
@ExtendWith(RedisServerExtension.class)
class RedisStreamEventPublisherIntegrationTest {

    private static final String STREAM = "mg:events:test";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private RedisClient client;
    private StatefulRedisConnection<String, byte[]> connection;
    private StatefulRedisConnection<String, String> reader;
    private StatefulRedisConnection<String, byte[]> paused;

    @BeforeEach
    void connect(RedisServer redis) {
        client = RedisClient.create(redis.uri());
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(2)) /* generous: 2 shared cores */)
                .build());
        connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        reader = client.connect();
        reader.sync().del(STREAM);
    }

    @AfterEach
    void close() {
        connection.close();
        reader.close();
        if (paused != null) {
            paused.close();
        }
        client.shutdown();
    }

    private RedisStreamEventPublisher publisher(EventStreamOptions options) {
        RedisAsyncCommands<String, byte[]> async = connection.async();
        return new RedisStreamEventPublisher(options, () -> Optional.of(async), registry);
    }

    private double published() {
        return registry.find(EventMetrics.PUBLISHED).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private double failed() {
        return registry.find(EventMetrics.FAILED).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void everyTypeArrivesForXrangeAndForAConsumerGroup() {
        RedisCommands<String, String> redis = reader.sync();
        redis.xgroupCreate(XReadArgs.StreamOffset.from(STREAM, "0"), "cdp", XGroupCreateArgs.Builder.mkstream());
        RedisStreamEventPublisher publisher = publisher(EventStreamOptions.builder().stream(STREAM).build());

        everyType().forEach(publisher::publish);
        await().atMost(Duration.ofSeconds(5)).until(() -> published() == EventType.values().length);

        List<StreamMessage<String, String>> range = redis.xrange(STREAM, Range.create("-", "+"));
        assertEquals(EventType.values().length, range.size());
        for (int i = 0; i < range.size(); i++) {
            EventType type = EventType.values()[i];
            assertEquals(EventFields.of(event(type)), range.get(i).getBody(), type.wireName());
            assertEquals(1.0, registry.get(EventMetrics.PUBLISHED).tag(EventMetrics.TAG_TYPE, type.wireName())
                    .counter().count());
        }
        List<StreamMessage<String, String>> group = redis.xreadgroup(Consumer.from("cdp", "analytics-1"),
                XReadArgs.StreamOffset.lastConsumed(STREAM));
        assertEquals(range.stream().map(StreamMessage::getId).toList(), group.stream().map(StreamMessage::getId).toList());
        assertEquals(range.size(), redis.xack(STREAM, "cdp", group.stream().map(StreamMessage::getId).toArray(String[]::new)));
        assertNoRealNumber(range, CUSTOMER, RIDER);
    }

    @Test
    void numberInAnIdIsMaskedInTheStreamAndCounted() {
        RedisStreamEventPublisher publisher = publisher(EventStreamOptions.builder().stream(STREAM).build());
        Decision.Route sloppy = new Decision.Route(CUSTOMER, EventFixtures.PROXY, EventFixtures.SESSION, "delivery",
                "rider-" + RIDER.digits(), "cust-123", "cd-1");

        publisher.publish(InteractionEvent.forRoute(EventType.CALL_ATTEMPTED, EventFixtures.T0, "gw-a", sloppy).build());
        await().atMost(Duration.ofSeconds(5)).until(() -> published() == 1);

        List<StreamMessage<String, String>> range = reader.sync().xrange(STREAM, Range.create("-", "+"));
        assertEquals("rider-************", range.get(0).getBody().get(EventFields.CALLER));
        assertEquals(1.0, registry.get(EventMetrics.MASKED_FIELDS).tag(EventMetrics.TAG_FIELD, "caller").counter().count());
        assertNoRealNumber(range, CUSTOMER, RIDER);
    }

    @Test
    void streamIsCappedApproximately() {
        RedisStreamEventPublisher publisher = publisher(EventStreamOptions.builder().stream(STREAM).maxLength(50).build());

        for (int i = 0; i < 1_000; i++) {
            publisher.publish(event(EventType.SMS_RELAYED));
        }
        // every reply in; on a loaded box a few may time out (counted as failed), which the cap does not care about
        await().atMost(Duration.ofSeconds(30)).until(() -> published() + failed() == 1_000);
        assertTrue(published() >= 250, "published " + published() + ": too few to test the cap");

        long length = reader.sync().xlen(STREAM);
        // "~" trims whole radix-tree nodes (100 entries by default), so a little over the cap remains.
        assertTrue(length >= 50 && length <= 250, "stream length " + length);
    }

    @Test
    void redisDownNeitherBlocksNorThrowsAndPublishingRecovers(RedisServer redis) {
        RedisStreamEventPublisher publisher = publisher(EventStreamOptions.builder().stream(STREAM).build());
        publisher.publish(event(EventType.CALL_CONNECTED));
        await().atMost(Duration.ofSeconds(5)).until(() -> published() == 1);

        redis.stop();
        long start = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            publisher.publish(event(EventType.CALL_ATTEMPTED));
        }
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(elapsedMillis < 1_000, "200 publishes with Redis down took " + elapsedMillis + " ms");
        await().atMost(Duration.ofSeconds(5)).until(() -> failed() == 200);
        assertEquals(0, publisher.inFlight());

        redis.start();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            publisher.publish(event(EventType.SMS_RELAYED));
            return published() > 1;
        });
        assertEquals(1.0, registry.get(EventMetrics.PUBLISHED).tag(EventMetrics.TAG_TYPE, "call_connected").counter().count());
    }

    @Test
    void notYetConnectedCountsAsUnavailable() {
        RedisStreamEventPublisher publisher = new RedisStreamEventPublisher(EventStreamOptions.create(), Optional::empty,
                registry);

        publisher.publish(event(EventType.SESSION_CREATED));

        assertEquals(1.0, registry.get(EventMetrics.FAILED).tag(EventMetrics.TAG_CAUSE, "unavailable").counter().count());
    }

    @Test
    void inFlightCapDropsAndCounts() {
        // A connection that never answers: the commands are queued and never completed.
        RedisStreamEventPublisher publisher = new RedisStreamEventPublisher(
                EventStreamOptions.builder().stream(STREAM).maxInFlight(3).build(),
                () -> Optional.of(pausedConnection()), registry);

        for (int i = 0; i < 5; i++) {
            publisher.publish(event(EventType.SMS_RELAYED));
        }

        assertEquals(3, publisher.inFlight());
        assertEquals(2.0, registry.get(EventMetrics.FAILED).tag(EventMetrics.TAG_CAUSE, "backlog").counter().count());
    }

    private RedisAsyncCommands<String, byte[]> pausedConnection() {
        if (paused == null) {
            paused = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            paused.setAutoFlushCommands(false); // commands wait in the buffer: "Redis is slow"
        }
        return paused.async();
    }

    private static void assertNoRealNumber(List<StreamMessage<String, String>> messages, PhoneNumber... numbers) {
        String all = messages.stream().map(m -> m.getBody().toString()).collect(Collectors.joining("\n"));
        for (PhoneNumber n : numbers) {
            for (String form : forms(n)) {
                assertFalse(all.contains(form), () -> "stream holds " + form + ": " + all);
            }
        }
    }
}
