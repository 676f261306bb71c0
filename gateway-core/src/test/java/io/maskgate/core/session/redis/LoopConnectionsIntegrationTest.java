package io.maskgate.core.session.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.Transports;
import io.maskgate.testing.RedisServer;
import io.maskgate.testing.RedisServerExtension;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A command asked on an event loop with a connection of its own is written and answered on that
 * loop, against a real redis-server; everywhere else, and whenever that connection cannot serve,
 * the shared connection does, and nothing is ever answered from a connection that is down.
 */
@ExtendWith(RedisServerExtension.class)
class LoopConnectionsIntegrationTest {

    private static final String KEY = "mg:{loop}:probe";

    private EventLoopGroup loops;
    private RedisConnector connector;
    private RedisClient observer;

    @BeforeEach
    void start(RedisServer redis) {
        // gateway-core has no native transport on its class path: lettuce and these loops both use NIO
        assertEquals(NioSocketChannel.class, Transports.socketChannelClass(), "lettuce on NIO here");
        loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        connector = new RedisConnector(RedisStoreOptions.builder().uri(redis.uri())
                .commandTimeout(Duration.ofMillis(500)).build());
        connector.start();
        await(() -> connector.commands().isPresent(), "shared connection up");
        observer = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> c = observer.connect()) {
            c.sync().set(KEY, "v");
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        connector.close();
        observer.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }

    @Test
    void aCommandAskedOnALoopIsAnsweredOnThatLoopOverItsOwnConnection(RedisServer redis) throws Exception {
        int before = clientCount();
        try (LoopConnections own = connector.openLoopConnections(loops, Transports.socketChannelClass())) {
            await(() -> own.openCount() == 2, "both loops connected");
            assertEquals(before + 2, clientCount(), "one more connection per loop");

            for (EventExecutor e : loops) {
                EventLoop loop = (EventLoop) e;
                Answer answer = askOn(loop);
                assertArrayEquals("v".getBytes(StandardCharsets.UTF_8), answer.value());
                assertTrue(answer.answeredOnAskingLoop(), "the reply was handled on the loop that asked");
            }
            Answer offLoop = askHere();
            assertFalse(offLoop.answeredOn() != null && isLoopThread(offLoop.answeredOn()),
                    "a thread that is no loop of ours asks through the shared connection");
        }
        await(() -> clientCount() == before, "closing closes the loops' connections");
        Answer afterClose = askOn((EventLoop) loops.next());
        assertFalse(afterClose.answeredOnAskingLoop(), "after close the loop asks through the shared connection");
    }

    @Test
    void loopsThatCannotHostLettucesChannelsGetNoConnectionAndStillAsk() throws Exception {
        Class<? extends Channel> other = LocalChannel.class;
        int before = clientCount();

        try (LoopConnections none = connector.openLoopConnections(loops, other)) {
            assertEquals(0, none.openCount());
            assertEquals(before, clientCount());
            Answer answer = askOn((EventLoop) loops.next());
            assertArrayEquals("v".getBytes(StandardCharsets.UTF_8), answer.value());
            assertFalse(answer.answeredOnAskingLoop());
        }
    }

    @Test
    void withRedisDownALoopsCommandFailsAndAfterRedisIsBackItIsAnsweredOnTheLoopAgain(RedisServer redis)
            throws Exception {
        try (LoopConnections own = connector.openLoopConnections(loops, Transports.socketChannelClass())) {
            await(() -> own.openCount() == 2, "both loops connected");
            EventLoop loop = (EventLoop) loops.next();
            redis.stop();
            try {
                await(() -> own.openCount() == 0, "the loops' connections see Redis gone");
                ExecutionException down = assertThrows(ExecutionException.class,
                        () -> askOn(loop).value(), "fail closed: no answer without Redis");
                assertNotNull(down.getCause());
            } finally {
                redis.start();
            }
            await(() -> own.openCount() == 2, "lettuce reconnects the loops' connections on their loops");
            Answer answer = askOn(loop);
            // the restarted server has no data: the GET itself answers, with nothing
            assertSame(null, answer.value());
            assertTrue(answer.answeredOnAskingLoop());
        }
    }

    @Test
    void loopConnectionsOpenedWhileRedisIsDownConnectWhenItComesUp(RedisServer redis) throws Exception {
        redis.stop();
        LoopConnections own;
        try {
            own = connector.openLoopConnections(loops, Transports.socketChannelClass());
            assertEquals(0, own.openCount());
        } finally {
            redis.start();
        }
        try (own) {
            await(() -> own.openCount() == 2, "the first connect is retried until Redis is up");
            assertTrue(askOn((EventLoop) loops.next()).answeredOnAskingLoop());
        }
    }

    /** What a GET answered and on which thread its reply was handled. */
    private record Answer(byte[] value, Thread askedOn, Thread answeredOn) {
        boolean answeredOnAskingLoop() {
            return askedOn == answeredOn;
        }
    }

    private Answer askOn(EventLoop loop) throws Exception {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        loop.execute(() -> ask(answer));
        return answer.get(5, TimeUnit.SECONDS);
    }

    private Answer askHere() throws Exception {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        ask(answer);
        return answer.get(5, TimeUnit.SECONDS);
    }

    /**
     * Asks, and records the thread the reply was handled on. A reply that came back before the
     * callback was attached runs the callback inline on the asking thread, which says nothing about
     * where the reply was handled: that answer records {@code answeredOn} as null. (Only the shared
     * connection can be that fast: a loop's own connection hands its reply to the loop, which is
     * still busy asking.)
     */
    private void ask(CompletableFuture<Answer> answer) {
        Thread asking = Thread.currentThread();
        boolean[] attaching = {true}; // read in the callback only when it runs inline, on this thread
        connector.commands().orElseThrow().get(KEY).whenComplete((value, error) -> {
            Thread t = Thread.currentThread();
            if (error != null) {
                answer.completeExceptionally(error);
            } else {
                answer.complete(new Answer(value, asking, t == asking && attaching[0] ? null : t));
            }
        });
        attaching[0] = false;
    }

    private boolean isLoopThread(Thread t) throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (EventExecutor e : loops) {
            threads.add(e.submit(Thread::currentThread).get(5, TimeUnit.SECONDS));
        }
        return threads.contains(t);
    }

    private int clientCount() {
        try (StatefulRedisConnection<String, String> c = observer.connect()) {
            return (int) c.sync().clientList().lines().count() - 1; // less the observer itself
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        Awaitility.await(what).atMost(Duration.ofSeconds(15)).until(condition::getAsBoolean);
    }
}
