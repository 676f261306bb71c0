package io.maskgate.sip.transport;

import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.DefaultEventLoop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoopLagProbeTest {

    private final DefaultEventLoop loop = new DefaultEventLoop();
    private final Timer lag = Timer.builder("lag").register(new SimpleMeterRegistry());

    @AfterEach
    void stopLoop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aLoopKeptBusyRecordsHowLateItRanItsTick() {
        try (LoopLagProbe probe = LoopLagProbe.start(List.of(loop), Duration.ofMillis(20), lag)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> lag.count() >= 3);
            loop.execute(() -> spin(Duration.ofMillis(300))); // as a loop busy with other calls would be
            await().atMost(Duration.ofSeconds(5)).until(() -> lag.max(TimeUnit.MILLISECONDS) >= 250);
        }
    }

    @Test
    void afterCloseNoMoreTicksAreRecorded() {
        LoopLagProbe probe = LoopLagProbe.start(List.of(loop), Duration.ofMillis(10), lag);
        await().atMost(Duration.ofSeconds(5)).until(() -> lag.count() >= 2);
        probe.close();
        long afterClose = lag.count() + 1; // a tick already running may still record once
        // fails as soon as a tick is recorded within the 200 ms, twenty intervals
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> lag.count() <= afterClose);
    }

    private static void spin(Duration busy) {
        long end = System.nanoTime() + busy.toNanos();
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
