package io.maskgate.server.admin;

import io.maskgate.core.session.CloseReason;
import io.maskgate.core.session.Session;
import io.maskgate.core.session.SessionId;
import io.maskgate.core.session.SessionRequest;
import io.maskgate.core.session.SessionStore;
import io.maskgate.core.session.StoreUnavailableException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /v1/sessions}, {@code GET|DELETE /v1/sessions/{id}}. Each handler returns at once
 * with the store's future; {@code requestTimeout} bounds it even if a store forgot to.
 *
 * <p>{@code DELETE} closes the session (reason {@code api}): it stops resolving at once, and GET
 * still shows it, closed, for the closed retention. It answers 200 with the closed session (one
 * already closed is answered as it is, with its first reason).
 */
public final class SessionsApi {

    public static final String COLLECTION = "/v1/sessions";
    public static final String ITEM = "/v1/sessions/{id}";

    /**
     * Runs right after a session is created (the subject index); when it fails the session is
     * deleted again and the create answers 503, so no session exists that an erasure cannot find.
     */
    @FunctionalInterface
    interface CreatedHook {
        CreatedHook NONE = s -> CompletableFuture.completedFuture(null);

        CompletableFuture<Void> created(Session session);
    }

    private final SessionStore store;
    private final SessionRequestParser parser;
    private final Duration requestTimeout;
    private final CreatedHook hook;
    private final Optional<BreakGlass> breakGlass;

    SessionsApi(SessionStore store, SessionRequestParser parser, Duration requestTimeout) {
        this(store, parser, requestTimeout, CreatedHook.NONE, Optional.empty());
    }

    SessionsApi(SessionStore store, SessionRequestParser parser, Duration requestTimeout, CreatedHook hook,
                Optional<BreakGlass> breakGlass) {
        this.store = store;
        this.parser = parser;
        this.requestTimeout = requestTimeout;
        this.hook = hook;
        this.breakGlass = breakGlass;
    }

    CompletableFuture<ApiResponse> create(ApiRequest request) {
        SessionRequest sessionRequest;
        try {
            sessionRequest = parser.parse(request.body());
        } catch (InvalidRequestException e) {
            return CompletableFuture.completedFuture(
                    ApiResponse.error(HttpResponseStatus.BAD_REQUEST, "invalid_request", e.getMessage()));
        }
        return bounded(store.create(sessionRequest))
                .thenCompose(this::afterCreate)
                .thenApply(s -> ApiResponse.json(HttpResponseStatus.CREATED, SessionJson.created(s))
                        .withHeader(HttpHeaderNames.LOCATION.toString(), COLLECTION + "/" + s.id().value()))
                .exceptionally(t -> StoreFailures.toResponse(t, "create"));
    }

    private CompletableFuture<Session> afterCreate(Session s) {
        return bounded(hook.created(s)).handle((ok, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(s);
            }
            return store.delete(s.id()).handle((deleted, e) -> CompletableFuture.<Session>failedFuture(
                    new StoreUnavailableException("index session", error))).thenCompose(f -> f);
        }).thenCompose(f -> f);
    }

    CompletableFuture<ApiResponse> get(ApiRequest request) {
        Optional<SessionId> id = sessionId(request);
        if (id.isEmpty()) {
            return CompletableFuture.completedFuture(notFound());
        }
        if (BreakGlass.asked(request)) {
            return breakGlass.map(b -> b.reveal(request, id.get())).orElseGet(() -> CompletableFuture.completedFuture(
                    ApiResponse.error(HttpResponseStatus.FORBIDDEN, "forbidden", "reveal=true needs a break-glass token")));
        }
        return bounded(store.find(id.get()))
                .thenApply(found -> found
                        .map(s -> ApiResponse.json(HttpResponseStatus.OK, SessionJson.view(s)))
                        .orElseGet(SessionsApi::notFound))
                .exceptionally(t -> StoreFailures.toResponse(t, "find"));
    }

    CompletableFuture<ApiResponse> delete(ApiRequest request) {
        Optional<SessionId> id = sessionId(request);
        if (id.isEmpty()) {
            return CompletableFuture.completedFuture(notFound());
        }
        return bounded(store.close(id.get(), CloseReason.API))
                .thenApply(closed -> closed
                        .map(s -> ApiResponse.json(HttpResponseStatus.OK, SessionJson.view(s)))
                        .orElseGet(SessionsApi::notFound))
                .exceptionally(t -> StoreFailures.toResponse(t, "close"));
    }

    private <T> CompletableFuture<T> bounded(CompletableFuture<T> future) {
        return future.orTimeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A malformed id cannot name a session: 404, like an unknown one. */
    private static Optional<SessionId> sessionId(ApiRequest request) {
        try {
            return Optional.of(new SessionId(request.pathParam("id")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ApiResponse notFound() {
        return ApiResponse.error(HttpResponseStatus.NOT_FOUND, "not_found");
    }
}
