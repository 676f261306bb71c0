package io.maskgate.server.admin;

import io.maskgate.core.consent.ConsentRevocations;
import io.maskgate.core.consent.Revocation;
import io.maskgate.core.consent.WebhookResult;
import io.maskgate.core.consent.WebhookVerifier;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/consent/revocations}: the consent platform's signed revocation webhook
 * (contract in {@link WebhookVerifier}). Only routed with {@code consent.type: http}, which
 * implies the Redis store; with the static source there are no shared caches to clear and the
 * path answers 404 like any other unknown path.
 *
 * <p>Answers: 200 applied; 400 malformed; 401 bad signature or stale timestamp; 409 replay (do
 * not retry); 503 applied here but not shared with other nodes (retry).
 */
public final class ConsentWebhookApi {

    public static final String PATH = "/v1/consent/revocations";

    private static final Logger log = LoggerFactory.getLogger(ConsentWebhookApi.class);

    private final WebhookVerifier verifier;
    private final ConsentRevocations revocations;

    public ConsentWebhookApi(WebhookVerifier verifier, ConsentRevocations revocations) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.revocations = Objects.requireNonNull(revocations, "revocations");
    }

    CompletableFuture<ApiResponse> receive(ApiRequest request) {
        Optional<String> timestamp = Optional.ofNullable(request.headers().get(WebhookVerifier.TIMESTAMP_HEADER));
        Optional<String> signature = Optional.ofNullable(request.headers().get(WebhookVerifier.SIGNATURE_HEADER));
        return verifier.verify(timestamp, signature, request.body()).thenCompose(this::apply);
    }

    private CompletableFuture<ApiResponse> apply(WebhookResult result) {
        if (!result.isOk()) {
            log.warn("consent revocation webhook refused: {}", result.status());
            return CompletableFuture.completedFuture(refused(result.status()));
        }
        Revocation revocation = result.revocation().orElseThrow();
        return revocations.revoke(revocation).handle((done, error) -> {
            if (error != null) {
                log.warn("consent revocation {} applied on this node only: {}", revocation.revocationId(),
                        error.getClass().getSimpleName());
                return ApiResponse.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "not_shared",
                        "applied on this node only; retry")
                        .withHeader(HttpHeaderNames.RETRY_AFTER.toString(), StoreFailures.RETRY_AFTER_SECONDS);
            }
            log.info("consent revocation {} applied", revocation.revocationId());
            return ApiResponse.json(HttpResponseStatus.OK, ApiResponse.JSON.createObjectNode()
                    .put("status", "revoked").put("revocationId", revocation.revocationId()));
        });
    }

    private static ApiResponse refused(WebhookResult.Status status) {
        return switch (status) {
            case MALFORMED -> ApiResponse.error(HttpResponseStatus.BAD_REQUEST, "malformed");
            case BAD_SIGNATURE -> ApiResponse.error(HttpResponseStatus.UNAUTHORIZED, "bad_signature");
            case STALE -> ApiResponse.error(HttpResponseStatus.UNAUTHORIZED, "stale");
            case REPLAY -> ApiResponse.error(HttpResponseStatus.CONFLICT, "replay");
            case OK -> throw new IllegalStateException("OK is not a refusal");
        };
    }
}
