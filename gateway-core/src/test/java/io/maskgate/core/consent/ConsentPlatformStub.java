package io.maskgate.core.consent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in consent platform on 127.0.0.1: counts requests to {@code /v1/consent/check} and answers
 * as told. SLOW holds each answer until {@link #close()} (or {@link #releaseSlow()}), so a test sees
 * the client's timeout, not a sleep.
 */
final class ConsentPlatformStub implements AutoCloseable {

    enum Mode { GRANTED, DENIED, SLOW, ERROR_500, BAD_JSON }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.GRANTED);
    private final AtomicReference<Long> ttlSeconds = new AtomicReference<>(300L);
    private final AtomicReference<String> lastBody = new AtomicReference<>();
    private final AtomicReference<String> lastAuthorization = new AtomicReference<>();
    private final CountDownLatch slowGate = new CountDownLatch(1);
    private volatile CountDownLatch firstRequestHeld = new CountDownLatch(0);

    ConsentPlatformStub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(HttpConsentSource.CHECK_PATH, this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void mode(Mode value) {
        mode.set(value);
    }

    void ttlSeconds(long value) {
        ttlSeconds.set(value);
    }

    int requests() {
        return requests.get();
    }

    String lastBody() {
        return lastBody.get();
    }

    String lastAuthorization() {
        return lastAuthorization.get();
    }

    /**
     * Makes the next GRANTED answers wait until {@link #releaseHeld()}: lets a test line up
     * concurrent checks behind one request without sleeping.
     */
    void holdAnswers() {
        firstRequestHeld = new CountDownLatch(1);
    }

    void releaseHeld() {
        firstRequestHeld.countDown();
    }

    void releaseSlow() {
        slowGate.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        lastBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        lastAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
        try {
            await(firstRequestHeld);
            switch (mode.get()) {
                case GRANTED -> answer(exchange, 200, json("granted", "dec-g-" + requests.get()));
                case DENIED -> answer(exchange, 200, json("denied", "dec-d-" + requests.get()));
                case SLOW -> {
                    await(slowGate);
                    answer(exchange, 200, json("granted", "too-late"));
                }
                case ERROR_500 -> answer(exchange, 500, "{\"error\":\"boom\"}");
                case BAD_JSON -> answer(exchange, 200, "{\"decision\":\"granted\"");
            }
        } finally {
            exchange.close();
        }
    }

    private String json(String decision, String id) {
        return "{\"decision\":\"" + decision + "\",\"decisionId\":\"" + id + "\",\"cacheTtlSeconds\":" + ttlSeconds.get() + "}";
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops answering: connections to the port are refused from now on. */
    void stop() {
        releaseSlow();
        releaseHeld();
        server.stop(0);
    }

    @Override
    public void close() {
        stop();
        executor.shutdownNow();
    }
}
