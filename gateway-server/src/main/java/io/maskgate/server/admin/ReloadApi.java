package io.maskgate.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maskgate.server.config.ReloadResult;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * {@code POST /v1/admin/reload} (role operations): re-reads the conf file. 200 with
 * {@code {"applied": [...], "restartRequired": [...]}} (key paths); 422 with
 * {@code {"error": "invalid_configuration", "errors": ["key.path: reason"]}} when the file does
 * not validate, in which case nothing changed. The reload reads a file, so it runs off the event loop.
 */
public final class ReloadApi {

    public static final String PATH = "/v1/admin/reload";

    private final Supplier<ReloadResult> reload;
    private final Executor executor;

    public ReloadApi(Supplier<ReloadResult> reload, Executor executor) {
        this.reload = Objects.requireNonNull(reload, "reload");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    public Route route() {
        return Route.authenticated(io.netty.handler.codec.http.HttpMethod.POST, PATH,
                io.maskgate.server.config.Role.OPERATIONS, this::reload);
    }

    CompletableFuture<ApiResponse> reload(ApiRequest request) {
        return CompletableFuture.supplyAsync(reload, executor).thenApply(ReloadApi::answer);
    }

    static ApiResponse answer(ReloadResult result) {
        ObjectNode node = ApiResponse.JSON.createObjectNode();
        if (!result.isValid()) {
            node.put("error", "invalid_configuration");
            array(node, "errors", result.errors());
            return ApiResponse.json(HttpResponseStatus.UNPROCESSABLE_ENTITY, node);
        }
        array(node, "applied", result.applied());
        array(node, "restartRequired", result.restartRequired());
        return ApiResponse.json(HttpResponseStatus.OK, node);
    }

    private static void array(ObjectNode node, String name, List<String> values) {
        ArrayNode array = node.putArray(name);
        values.forEach(array::add);
    }
}
