package io.maskgate.server.admin;

import io.maskgate.core.session.SessionStore;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code /health/live}: the process answers. {@code /health/ready}: the store answers a ping and
 * the keys are loaded, i.e. this node can serve traffic; load balancers take it out otherwise.
 */
public final class HealthApi {

    public static final String LIVE = "/health/live";
    public static final String READY = "/health/ready";

    private final SessionStore store;
    private final BooleanSupplier keysLoaded;
    private final Duration pingTimeout;

    HealthApi(SessionStore store, BooleanSupplier keysLoaded, Duration pingTimeout) {
        this.store = store;
        this.keysLoaded = keysLoaded;
        this.pingTimeout = pingTimeout;
    }

    CompletableFuture<ApiResponse> live(ApiRequest request) {
        return CompletableFuture.completedFuture(status(HttpResponseStatus.OK, "live", ""));
    }

    CompletableFuture<ApiResponse> ready(ApiRequest request) {
        if (!keysLoaded.getAsBoolean()) {
            return CompletableFuture.completedFuture(notReady("keys_not_loaded"));
        }
        return store.ping()
                .completeOnTimeout(false, pingTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(t -> false)
                .thenApply(up -> up ? status(HttpResponseStatus.OK, "ready", "") : notReady("store_unreachable"));
    }

    private static ApiResponse notReady(String reason) {
        return status(HttpResponseStatus.SERVICE_UNAVAILABLE, "not_ready", reason);
    }

    private static ApiResponse status(HttpResponseStatus code, String status, String reason) {
        var node = ApiResponse.JSON.createObjectNode().put("status", status);
        if (!reason.isEmpty()) {
            node.put("reason", reason);
        }
        return ApiResponse.json(code, node);
    }
}
