package io.maskgate.server.status;

import io.maskgate.server.admin.ApiRequest;
import io.maskgate.server.admin.ApiResponse;
import io.maskgate.server.admin.HealthApi.Readiness;
import io.maskgate.server.admin.Route;
import io.maskgate.server.config.Role;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * {@code GET /status}: one self-contained HTML page (inline CSS and JS, nothing fetched from
 * elsewhere) that polls {@code GET /status.json} and draws it, for when Grafana is not at hand.
 *
 * <p>The page itself holds no data, so it is always served without a token; {@code /status.json}
 * is open when {@code admin.statusPublic} is true, otherwise it needs role operations (the page
 * then sends the token given in its URL fragment, {@code /status#token=...}, which browsers never
 * send to the server or write to its logs).
 */
public final class StatusApi {

    public static final String PAGE = "/status";
    public static final String JSON = "/status.json";

    /** Inline style and script only; everything else (fetch included) from this origin. */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'";
    static final String HTML_RESOURCE = "status.html";

    private final String node;
    private final Supplier<CompletableFuture<Readiness>> health;
    private final StatusSources sources;
    private final RateHistory rates;
    private final Clock clock;
    private final String page;

    public StatusApi(String node, Supplier<CompletableFuture<Readiness>> health, StatusSources sources,
            RateHistory rates, Clock clock) {
        this.node = Objects.requireNonNull(node, "node");
        this.health = Objects.requireNonNull(health, "health");
        this.sources = Objects.requireNonNull(sources, "sources");
        this.rates = Objects.requireNonNull(rates, "rates");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.page = loadPage();
    }

    /** The two routes; {@code statusPublic} decides whether the data needs role operations. */
    public List<Route> routes(boolean statusPublic) {
        Route data = statusPublic
                ? Route.open(HttpMethod.GET, JSON, this::json)
                : Route.authenticated(HttpMethod.GET, JSON, Role.OPERATIONS, this::json);
        return List.of(Route.open(HttpMethod.GET, PAGE, this::page), data);
    }

    CompletableFuture<ApiResponse> page(ApiRequest request) {
        return CompletableFuture.completedFuture(
                ApiResponse.text(HttpResponseStatus.OK, "text/html; charset=utf-8", page)
                        .withHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                        .withHeader("X-Content-Type-Options", "nosniff")
                        .withHeader("Referrer-Policy", "no-referrer"));
    }

    CompletableFuture<ApiResponse> json(ApiRequest request) {
        return health.get().thenApply(r -> ApiResponse.json(HttpResponseStatus.OK,
                StatusJson.build(node, clock.instant(), r, sources, rates)));
    }

    private static String loadPage() {
        try (InputStream in = StatusApi.class.getResourceAsStream(HTML_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("status page resource missing from the jar: " + HTML_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the status page resource", e);
        }
    }
}
