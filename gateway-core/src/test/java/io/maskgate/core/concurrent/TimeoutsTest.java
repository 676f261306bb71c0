package io.maskgate.core.concurrent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class TimeoutsTest {

    @Test
    void aFutureLeftIncompleteFailsWithTimeoutExceptionAfterItsTime() {
        CompletableFuture<String> future = new CompletableFuture<>();
        long started = System.nanoTime();

        assertSame(future, Timeouts.orTimeout(future, 50));

        await().atMost(Duration.ofSeconds(5)).until(future::isDone);
        assertTrue(System.nanoTime() - started >= Duration.ofMillis(50).toNanos(), "fired before its time");
        ExecutionException e = assertThrows(ExecutionException.class, future::get);
        assertInstanceOf(TimeoutException.class, e.getCause());
    }

    @Test
    void aFutureCompletedInTimeKeepsItsValue() throws Exception {
        CompletableFuture<String> future = Timeouts.orTimeout(new CompletableFuture<>(), 50);
        future.complete("done");

        CompletableFuture<String> later = Timeouts.orTimeout(new CompletableFuture<>(), 100);
        await().atMost(Duration.ofSeconds(5)).until(later::isDone);

        assertEquals("done", future.get());
    }

    @Test
    void aFailureBeforeTheTimeoutIsKept() {
        CompletableFuture<String> future = Timeouts.orTimeout(new CompletableFuture<>(), 1_000);
        future.completeExceptionally(new IllegalStateException("boom"));

        ExecutionException e = assertThrows(ExecutionException.class, future::get);
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    @Test
    void aNegativeTimeIsRefused() {
        CompletableFuture<String> future = new CompletableFuture<>();

        assertThrows(IllegalArgumentException.class, () -> Timeouts.orTimeout(future, -1));
    }
}
