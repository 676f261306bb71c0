package io.maskgate.tests;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The consent platform as the gateway's {@code http} consent source sees it (the contract of
 * {@code io.maskgate.core.consent.HttpConsentSource}): {@code POST /v1/consent/check} on
 * 127.0.0.1, answering every question with the current decision, a fresh decision id and
 * {@code cacheTtlSeconds}. A test flips the decision with {@link #deny()}, as the platform does when
 * the data principal withdraws consent, and reads the questions it was asked.
 */
final class ConsentPlatformStandIn implements AutoCloseable {
    static final String CHECK_PATH = "/v1/consent/check";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final int cacheTtlSeconds;
    private final List<String> questions = new CopyOnWriteArrayList<>();
    private volatile boolean granted = true;

    private ConsentPlatformStandIn(int cacheTtlSeconds) throws IOException {
        this.cacheTtlSeconds = cacheTtlSeconds;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext(CHECK_PATH, this::check);
        server.setExecutor(executor);
    }

    /** Granting everything, each answer cacheable for {@code cacheTtlSeconds}. */
    static ConsentPlatformStandIn start(int cacheTtlSeconds) throws IOException {
        ConsentPlatformStandIn platform = new ConsentPlatformStandIn(cacheTtlSeconds);
        platform.server.start();
        return platform;
    }

    /** The base URL for {@code consent.http.baseUrl}. */
    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** From now on every answer is "denied". */
    void deny() {
        granted = false;
    }

    /** The request bodies received so far, in order. */
    List<String> questions() {
        return List.copyOf(questions);
    }

    private void check(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            questions.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String decision = granted ? "granted" : "denied";
            byte[] body = ("{\"decision\":\"" + decision + "\",\"decisionId\":\"dec-" + decision + "-"
                    + questions.size() + "\",\"cacheTtlSeconds\":" + cacheTtlSeconds + "}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
