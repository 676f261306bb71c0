package io.maskgate.server.admin;

import io.maskgate.core.session.PoolExhaustedException;
import io.maskgate.core.session.StoreUnavailableException;
import io.maskgate.core.session.UnknownPoolException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps a failed store future to the API's answer: fail closed, say what to do next. */
final class StoreFailures {

    private static final Logger log = LoggerFactory.getLogger(StoreFailures.class);

    /** Seconds a client should wait before retrying after a 503 (lettuce reconnects within a few seconds). */
    static final String RETRY_AFTER_SECONDS = "1";

    private StoreFailures() {
    }

    static ApiResponse toResponse(Throwable failure, String operation) {
        Throwable cause = unwrap(failure);
        if (cause instanceof PoolExhaustedException e) {
            return ApiResponse.error(HttpResponseStatus.CONFLICT, "pool_exhausted", e.getMessage());
        }
        if (cause instanceof UnknownPoolException) {
            return ApiResponse.error(HttpResponseStatus.BAD_REQUEST, "invalid_request", "pool: no such pool");
        }
        if (cause instanceof StoreUnavailableException || cause instanceof TimeoutException
                || cause instanceof io.maskgate.core.privacy.PrivacyStoreException) {
            // Store messages name the operation, never a number (SessionStore contract).
            log.warn("session store unavailable during {}: {}", operation, cause.getMessage());
            return unavailable();
        }
        if (cause instanceof InvalidRequestException e) {
            return ApiResponse.error(HttpResponseStatus.BAD_REQUEST, "invalid_request", e.getMessage());
        }
        log.error("session store failed during {}", operation, cause);
        return ApiResponse.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal_error");
    }

    static ApiResponse unavailable() {
        return ApiResponse.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "store_unavailable")
                .withHeader(HttpHeaderNames.RETRY_AFTER.toString(), RETRY_AFTER_SECONDS);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
