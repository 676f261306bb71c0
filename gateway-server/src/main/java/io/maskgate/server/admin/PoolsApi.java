package io.maskgate.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maskgate.core.pool.NumberPool;
import io.maskgate.core.pool.NumberPools;
import io.maskgate.core.session.SessionStore;
import io.maskgate.core.session.SessionStore.PoolUsage;
import io.maskgate.server.config.Role;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /v1/pools} (role operations): per pool its size, and, when the store can count them
 * cheaply ({@link SessionStore#poolUsage()}), its live sessions and numbers in use:
 * <pre>{@code
 * {"usageKnown":true,"pools":[{"name":"default","size":1000,"sessions":3,"numbersInUse":2,"free":998}]}
 * }</pre>
 * Proxy numbers are the operator's own, but only counts are answered: nothing here needs them.
 */
public final class PoolsApi {

    public static final String PATH = "/v1/pools";

    private final NumberPools pools;
    private final SessionStore store;
    private final Duration timeout;

    public PoolsApi(NumberPools pools, SessionStore store, Duration timeout) {
        this.pools = Objects.requireNonNull(pools, "pools");
        this.store = Objects.requireNonNull(store, "store");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    public List<Route> routes() {
        return List.of(Route.authenticated(HttpMethod.GET, PATH, Role.OPERATIONS, this::list));
    }

    CompletableFuture<ApiResponse> list(ApiRequest request) {
        return store.poolUsage()
                .completeOnTimeout(Optional.empty(), timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(t -> Optional.empty())
                .thenApply(usage -> ApiResponse.json(HttpResponseStatus.OK, body(usage)));
    }

    private ObjectNode body(Optional<Map<String, PoolUsage>> usage) {
        ObjectNode root = ApiResponse.JSON.createObjectNode().put("usageKnown", usage.isPresent());
        ArrayNode list = root.putArray("pools");
        pools.byName().values().stream().sorted(Comparator.comparing(NumberPool::name)).forEach(pool -> {
            ObjectNode node = list.addObject().put("name", pool.name()).put("size", pool.size());
            usage.ifPresent(u -> {
                PoolUsage p = u.getOrDefault(pool.name(), new PoolUsage(0, 0));
                node.put("sessions", p.sessions())
                        .put("numbersInUse", p.numbersInUse())
                        .put("free", Math.max(0, pool.size() - p.numbersInUse()));
            });
        });
        return root;
    }
}
