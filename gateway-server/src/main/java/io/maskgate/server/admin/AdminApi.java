package io.maskgate.server.admin;

import io.maskgate.core.number.NumberNormalizer;
import io.maskgate.core.session.SessionStore;
import io.maskgate.server.config.AdminConfig;
import io.maskgate.server.config.Role;
import io.maskgate.server.config.SessionsConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The admin API's route table: every endpoint, its method and the role it needs, in one list.
 *
 * @param storeTimeout   the longest a request waits for the store before answering 503; a backstop
 *                       above the store's own command timeout
 * @param healthChecks   parts besides the store that {@code /health/ready} reports (and may fail on)
 * @param consentWebhook the revocation webhook, routed only when present ({@code consent.type: http})
 */
public record AdminApi(
        AdminConfig admin,
        SessionsConfig sessions,
        Set<String> poolNames,
        NumberNormalizer normalizer,
        SessionStore store,
        BooleanSupplier keysLoaded,
        PrometheusMeterRegistry registry,
        Duration storeTimeout,
        List<HealthCheck> healthChecks,
        Optional<ConsentWebhookApi> consentWebhook,
        RightsRoutes rights) {

    /** Without the rights, audit and break-glass routes. */
    public AdminApi(AdminConfig admin, SessionsConfig sessions, Set<String> poolNames, NumberNormalizer normalizer,
                    SessionStore store, BooleanSupplier keysLoaded, PrometheusMeterRegistry registry,
                    Duration storeTimeout, List<HealthCheck> healthChecks, Optional<ConsentWebhookApi> consentWebhook) {
        this(admin, sessions, poolNames, normalizer, store, keysLoaded, registry, storeTimeout, healthChecks,
                consentWebhook, RightsRoutes.NONE);
    }

    public AdminApi {
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(sessions, "sessions");
        poolNames = Set.copyOf(poolNames);
        Objects.requireNonNull(normalizer, "normalizer");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(keysLoaded, "keysLoaded");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(storeTimeout, "storeTimeout");
        healthChecks = List.copyOf(healthChecks);
        Objects.requireNonNull(consentWebhook, "consentWebhook");
        Objects.requireNonNull(rights, "rights");
    }

    public RouteTable routes() {
        return routes(List.of());
    }

    /** The readiness checks {@code /health/ready} runs; the status page shows the same verdict. */
    public HealthApi health() {
        return new HealthApi(store, keysLoaded, storeTimeout, healthChecks);
    }

    /** Every route above plus {@code more} (status page, pools, conf reload), built by their own packages. */
    public RouteTable routes(List<Route> more) {
        SessionsApi sessionsApi = new SessionsApi(store,
                new SessionRequestParser(normalizer, sessions.maxTtl(), sessions.defaultTtl(), poolNames), storeTimeout,
                rights.indexer(), rights.breakGlass());
        HealthApi health = health();
        MetricsApi metrics = new MetricsApi(registry);

        List<Route> routes = new ArrayList<>();
        routes.add(Route.authenticated(HttpMethod.POST, SessionsApi.COLLECTION, Role.PROVISIONING, sessionsApi::create));
        // break-glass may GET a session too; only with ?reveal=true does it see numbers (BreakGlass).
        routes.add(Route.shared(HttpMethod.GET, SessionsApi.ITEM, Role.PROVISIONING, Set.of(Role.BREAK_GLASS),
                sessionsApi::get));
        routes.add(Route.authenticated(HttpMethod.DELETE, SessionsApi.ITEM, Role.PROVISIONING, sessionsApi::delete));
        consentWebhook.ifPresent(webhook ->
                routes.add(Route.authenticated(HttpMethod.POST, ConsentWebhookApi.PATH, Role.PRIVACY, webhook::receive)));
        rights.addTo(routes);
        routes.add(Route.open(HttpMethod.GET, HealthApi.LIVE, health::live));
        routes.add(Route.open(HttpMethod.GET, HealthApi.READY, health::ready));
        routes.add(admin.metricsPublic()
                ? Route.open(HttpMethod.GET, MetricsApi.PATH, metrics::scrape)
                : Route.authenticated(HttpMethod.GET, MetricsApi.PATH, Role.OPERATIONS, metrics::scrape));
        routes.addAll(more);
        return new RouteTable(routes);
    }
}
