package io.maskgate.server.admin;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.CompletableFuture;

/** {@code GET /metrics}: the Prometheus text exposition of every meter. */
public final class MetricsApi {

    public static final String PATH = "/metrics";
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    MetricsApi(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    CompletableFuture<ApiResponse> scrape(ApiRequest request) {
        // Renders in memory from atomics: no I/O, so it may run on the event loop.
        return CompletableFuture.completedFuture(
                ApiResponse.text(HttpResponseStatus.OK, CONTENT_TYPE, registry.scrape()));
    }
}
