package io.maskgate.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maskgate.core.session.SessionStore;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
        return readiness().thenApply(r -> r.ready()
                ? status(HttpResponseStatus.OK, "ready", "", Optional.of(states(r)))
                : status(HttpResponseStatus.SERVICE_UNAVAILABLE, "not_ready", r.reason(), Optional.of(states(r))));
    }

    /**
     * The readiness verdict and every check's state, as {@code /health/ready} answers it; the status
     * page shows the same. Never completes exceptionally.
     */
    public CompletableFuture<Readiness> readiness() {
        Map<String, Boolean> states = new LinkedHashMap<>();
        Optional<String> failed = Optional.empty();
        for (HealthCheck check : checks) {
            boolean up = check.healthy().getAsBoolean();
            states.put(check.name(), up);
            if (!up && check.required() && failed.isEmpty()) {
                failed = Optional.of(check.name() + "_unhealthy");
            }
        }
        if (!keysLoaded.getAsBoolean()) {
            return CompletableFuture.completedFuture(new Readiness(false, "keys_not_loaded", states));
        }
        if (failed.isPresent()) {
            return CompletableFuture.completedFuture(new Readiness(false, failed.get(), states));
        }
        return store.ping()
                .completeOnTimeout(false, pingTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(t -> false)
                .thenApply(up -> up ? new Readiness(true, "", states) : new Readiness(false, "store_unreachable", states));
    }

    /**
     * @param reason empty when ready, else why not ({@code store_unreachable}, {@code <check>_unhealthy}, ...)
     * @param checks every check by name, true when up, in registration order
     */
    public record Readiness(boolean ready, String reason, Map<String, Boolean> checks) {
        public Readiness {
            Objects.requireNonNull(reason, "reason");
            checks = Collections.unmodifiableMap(new LinkedHashMap<>(checks));
        }
    }

    private static ObjectNode states(Readiness r) {
        ObjectNode states = ApiResponse.JSON.createObjectNode();
        r.checks().forEach((name, up) -> states.put(name, up ? "up" : "down"));
        return states;
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
