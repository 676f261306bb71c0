package io.maskgate.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maskgate.core.audit.ActionRecord;
import io.maskgate.core.audit.DecisionLog;
import io.maskgate.core.events.SafeText;
import io.maskgate.core.privacy.PrivacyMetrics;
import io.maskgate.core.session.Participant;
import io.maskgate.core.session.Session;
import io.maskgate.core.session.SessionId;
import io.maskgate.core.session.SessionStore;
import io.maskgate.server.config.Role;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/sessions/{id}?reveal=true}: the one way a real number leaves the admin API, for
 * the {@code break-glass} role only. In order: the caller's role is checked; the
 * {@value #REASON_HEADER} header must hold 1-{@value #MAX_REASON} characters without anything that
 * looks like a phone number (the reason is kept in the log, which never holds one); the use is
 * appended to the decision log and forced to disk; only then is the session read and answered with
 * the participants' real numbers. A WARN log line (token name and session id, never a number)
 * makes every use visible to operations as well.
 */
final class BreakGlass {

    static final String REASON_HEADER = "X-Break-Glass-Reason";
    static final int MAX_REASON = 200;
    private static final Logger LOG = LoggerFactory.getLogger(BreakGlass.class);

    private final SessionStore store;
    private final DecisionLog log;
    private final PrivacyMetrics metrics;
    private final Clock clock;
    private final Duration timeout;
    private final java.util.concurrent.Executor worker;

    /** @param worker where the lookup continues after the flush, so nothing runs on the log's writer thread */
    BreakGlass(SessionStore store, DecisionLog log, PrivacyMetrics metrics, Clock clock, Duration timeout,
               java.util.concurrent.Executor worker) {
        this.worker = worker;
        this.store = store;
        this.log = log;
        this.metrics = metrics;
        this.clock = clock;
        this.timeout = timeout;
    }

    static boolean asked(ApiRequest request) {
        return request.queryParam("reveal").map("true"::equals).orElse(false);
    }

    CompletableFuture<ApiResponse> reveal(ApiRequest request, SessionId id) {
        Optional<ApiRequest.Caller> caller = request.caller().filter(c -> c.role() == Role.BREAK_GLASS);
        if (caller.isEmpty()) {
            return done(ApiResponse.error(HttpResponseStatus.FORBIDDEN, "forbidden",
                    "reveal=true needs a break-glass token"));
        }
        String reason = Optional.ofNullable(request.headers().get(REASON_HEADER)).map(String::strip).orElse("");
        if (reason.isEmpty() || reason.length() > MAX_REASON || SafeText.looksLikeNumber(reason)
                || reason.chars().anyMatch(Character::isISOControl)) {
            return done(ApiResponse.error(HttpResponseStatus.BAD_REQUEST, "invalid_request", REASON_HEADER
                    + ": required, 1-" + MAX_REASON + " characters, no phone numbers"));
        }
        String name = caller.get().name();
        ActionRecord use = ActionRecord.of(clock.instant(), ActionRecord.Action.BREAK_GLASS, name, id.value(),
                "reason=" + reason);
        if (!log.appendAction(use)) {
            return done(StoreFailures.unavailable());
        }
        return log.flush().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenComposeAsync(flushed -> store.find(id).orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS), worker)
                .thenApply(found -> {
                    metrics.breakGlass();
                    LOG.warn("BREAK-GLASS: token '{}' revealed the participants of session {} (found: {}); "
                            + "the reason is in the decision log", name, id, found.isPresent());
                    return found.map(s -> ApiResponse.json(HttpResponseStatus.OK, revealed(s)))
                            .orElseGet(() -> ApiResponse.error(HttpResponseStatus.NOT_FOUND, "not_found"));
                })
                .exceptionally(t -> StoreFailures.toResponse(t, "break-glass"));
    }

    /** The session view with real numbers: only ever built here. */
    private static ObjectNode revealed(Session s) {
        ObjectNode node = SessionJson.view(s);
        var participants = node.putArray("participants");
        participants.add(participant(s.a()));
        participants.add(participant(s.b()));
        node.put("revealed", true);
        return node;
    }

    private static ObjectNode participant(Participant p) {
        return ApiResponse.JSON.createObjectNode().put("id", p.id()).put("number", p.number().e164());
    }

    private static CompletableFuture<ApiResponse> done(ApiResponse r) {
        return CompletableFuture.completedFuture(r);
    }
}
