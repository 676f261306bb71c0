package io.maskgate.server.admin;

import io.maskgate.core.audit.FileDecisionLog;
import io.maskgate.core.privacy.PrivacyMetrics;
import io.maskgate.core.privacy.SubjectErasure;
import io.maskgate.core.privacy.SubjectFieldCipher;
import io.maskgate.core.privacy.SubjectIndex;
import io.maskgate.core.session.SessionStore;
import io.maskgate.keystore.KeyRing;
import io.maskgate.server.config.Role;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The admin routes of data principal rights, audit and break-glass, built in one place so the
 * route table only adds them: erasure and access (privacy, Redis store only), verify and export
 * (audit), and the break-glass reveal and subject indexing that hook into the sessions API.
 */
public final class RightsRoutes {

    /** What erasure and access need; present with the Redis store. */
    public record Privacy(SubjectErasure erasure, SubjectIndex index, SubjectFieldCipher fields) {
        public Privacy {
            Objects.requireNonNull(erasure, "erasure");
            Objects.requireNonNull(index, "index");
            Objects.requireNonNull(fields, "fields");
        }
    }

    /** No rights routes (tests of other routes). */
    public static final RightsRoutes NONE = new RightsRoutes(Optional.empty(), Optional.empty(),
            SessionsApi.CreatedHook.NONE, Optional.empty());

    private final Optional<AuditApi> audit;
    private final Optional<PrivacyApi> privacy;
    private final SessionsApi.CreatedHook indexer;
    private final Optional<BreakGlass> breakGlass;

    private RightsRoutes(Optional<AuditApi> audit, Optional<PrivacyApi> privacy, SessionsApi.CreatedHook indexer,
                         Optional<BreakGlass> breakGlass) {
        this.audit = audit;
        this.privacy = privacy;
        this.indexer = indexer;
        this.breakGlass = breakGlass;
    }

    /**
     * @param worker runs the blocking parts (file reads, Redis scans); never an event loop
     * @param timeout backstop on store calls and log flushes
     */
    public static RightsRoutes create(FileDecisionLog log, KeyRing keys, SessionStore store, Optional<Privacy> privacy,
                                      PrivacyMetrics metrics, Executor worker, Clock clock, Duration timeout) {
        AuditApi audit = new AuditApi(log, keys, privacy.map(Privacy::fields), worker, timeout);
        Optional<PrivacyApi> rights = privacy.map(p -> new PrivacyApi(p.erasure(), p.index(), store, log, worker,
                clock, timeout));
        SessionsApi.CreatedHook indexer = privacy.<SessionsApi.CreatedHook>map(p -> p.index()::add)
                .orElse(SessionsApi.CreatedHook.NONE);
        return new RightsRoutes(Optional.of(audit), rights, indexer,
                Optional.of(new BreakGlass(store, log, metrics, clock, timeout, worker)));
    }

    SessionsApi.CreatedHook indexer() {
        return indexer;
    }

    Optional<BreakGlass> breakGlass() {
        return breakGlass;
    }

    void addTo(List<Route> routes) {
        privacy.ifPresent(p -> {
            routes.add(Route.authenticated(HttpMethod.POST, PrivacyApi.ERASURE, Role.PRIVACY, p::erase));
            routes.add(Route.authenticated(HttpMethod.GET, PrivacyApi.SESSIONS, Role.PRIVACY, p::sessions));
        });
        audit.ifPresent(a -> {
            routes.add(Route.authenticated(HttpMethod.GET, AuditApi.VERIFY, Role.AUDIT, a::verify));
            routes.add(Route.authenticated(HttpMethod.GET, AuditApi.EXPORT, Role.AUDIT, a::export));
        });
    }
}
