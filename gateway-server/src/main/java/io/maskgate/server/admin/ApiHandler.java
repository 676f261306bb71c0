package io.maskgate.server.admin;

import java.util.concurrent.CompletableFuture;

/**
 * One route's logic. Runs on the event loop: it must not block; store calls return futures and
 * the response is written when they complete.
 */
@FunctionalInterface
public interface ApiHandler {
    CompletableFuture<ApiResponse> handle(ApiRequest request);
}
