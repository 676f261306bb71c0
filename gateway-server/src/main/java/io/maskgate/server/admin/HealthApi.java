package io.maskgate.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maskgate.core.session.SessionStore;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code /health/live}: the process answers. {@code /health/ready}: the keys are loaded, every
 * required check passes (the decision log accepts records) and the store answers a ping, i.e.
 * this node can serve traffic; load balancers take it out otherwise. Every check's state is in
 * {@code checks}, so a reported-only one (an upstream SMSC) is visible without failing readiness.
 */
public final class HealthApi {

    public static final String LIVE = "/health/live";
    public static final String READY = "/health/ready";

    private final SessionStore store;
    private final BooleanSupplier keysLoaded;
    private final Duration pingTimeout;
    private final List<HealthCheck> checks;

    HealthApi(SessionStore store, BooleanSupplier keysLoaded, Duration pingTimeout, List<HealthCheck> checks) {
        this.store = store;
        this.keysLoaded = keysLoaded;
        this.pingTimeout = pingTimeout;
        this.checks = List.copyOf(checks);
    }

    CompletableFuture<ApiResponse> live(ApiRequest request) {
        return CompletableFuture.completedFuture(status(HttpResponseStatus.OK, "live", "", Optional.empty()));
    }

    CompletableFuture<ApiResponse> ready(ApiRequest request) {
        ObjectNode states = ApiResponse.JSON.createObjectNode();
        Optional<String> failed = Optional.empty();
        for (HealthCheck check : checks) {
            boolean up = check.healthy().getAsBoolean();
            states.put(check.name(), up ? "up" : "down");
            if (!up && check.required() && failed.isEmpty()) {
                failed = Optional.of(check.name() + "_unhealthy");
            }
        }
        if (!keysLoaded.getAsBoolean()) {
            return CompletableFuture.completedFuture(notReady("keys_not_loaded", states));
        }
        if (failed.isPresent()) {
            return CompletableFuture.completedFuture(notReady(failed.get(), states));
        }
        return store.ping()
                .completeOnTimeout(false, pingTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(t -> false)
                .thenApply(up -> up ? status(HttpResponseStatus.OK, "ready", "", Optional.of(states))
                        : notReady("store_unreachable", states));
    }

    private static ApiResponse notReady(String reason, ObjectNode states) {
        return status(HttpResponseStatus.SERVICE_UNAVAILABLE, "not_ready", reason, Optional.of(states));
    }

    private static ApiResponse status(HttpResponseStatus code, String status, String reason, Optional<ObjectNode> states) {
        ObjectNode node = ApiResponse.JSON.createObjectNode().put("status", status);
        if (!reason.isEmpty()) {
            node.put("reason", reason);
        }
        states.filter(s -> !s.isEmpty()).ifPresent(s -> node.set("checks", s));
        return ApiResponse.json(code, node);
    }
}
