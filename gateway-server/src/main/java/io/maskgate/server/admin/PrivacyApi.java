package io.maskgate.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maskgate.core.audit.ActionRecord;
import io.maskgate.core.audit.DecisionLog;
import io.maskgate.core.privacy.ErasureReport;
import io.maskgate.core.privacy.PrivacyStoreException;
import io.maskgate.core.privacy.SessionSummary;
import io.maskgate.core.privacy.SubjectErasure;
import io.maskgate.core.privacy.SubjectIndex;
import io.maskgate.core.session.SessionStore;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Data principal rights (role privacy): {@code POST /v1/subjects/{subjectId}/erasure} and
 * {@code GET /v1/subjects/{subjectId}/sessions}. Both do several Redis round trips and a log
 * flush, so they run on the privacy worker thread, never on the event loop. Both answer with the
 * subject's token (blind index), never echo the id, and are decision-log records themselves.
 */
public final class PrivacyApi {

    public static final String ERASURE = "/v1/subjects/{subjectId}/erasure";
    public static final String SESSIONS = "/v1/subjects/{subjectId}/sessions";
    /** Longest subject id accepted, as for consent queries. */
    static final int MAX_SUBJECT_LENGTH = 256;

    private final SubjectErasure erasure;
    private final SubjectIndex index;
    private final SessionStore store;
    private final DecisionLog log;
    private final Executor worker;
    private final Clock clock;
    private final Duration timeout;

    public PrivacyApi(SubjectErasure erasure, SubjectIndex index, SessionStore store, DecisionLog log, Executor worker,
                      Clock clock, Duration timeout) {
        this.erasure = erasure;
        this.index = index;
        this.store = store;
        this.log = log;
        this.worker = worker;
        this.clock = clock;
        this.timeout = timeout;
    }

    CompletableFuture<ApiResponse> erase(ApiRequest request) {
        Optional<String> subject = subject(request);
        if (subject.isEmpty()) {
            return CompletableFuture.completedFuture(invalidSubject());
        }
        String actor = request.caller().map(ApiRequest.Caller::name).orElse("-");
        return CompletableFuture.supplyAsync(() -> erased(erasure.erase(subject.get(), actor)), worker)
                .exceptionally(t -> StoreFailures.toResponse(t, "erasure"));
    }

    CompletableFuture<ApiResponse> sessions(ApiRequest request) {
        Optional<String> subject = subject(request);
        if (subject.isEmpty()) {
            return CompletableFuture.completedFuture(invalidSubject());
        }
        String actor = request.caller().map(ApiRequest.Caller::name).orElse("-");
        return CompletableFuture.supplyAsync(() -> access(subject.get(), actor), worker)
                .exceptionally(t -> StoreFailures.toResponse(t, "access"));
    }

    private ApiResponse access(String subject, String actor) {
        String token = index.names().subjectToken(subject);
        List<SessionSummary> sessions = index.sessions(subject);
        ObjectNode body = ApiResponse.JSON.createObjectNode().put("subject", token);
        ArrayNode list = body.putArray("sessions");
        for (SessionSummary s : sessions) {
            list.addObject()
                    .put("sessionId", s.sessionId().value())
                    .put("purpose", s.purpose())
                    .put("proxyNumber", s.proxyNumber().masked())
                    .put("createdAt", s.createdAt().toString())
                    .put("expiresAt", s.expiresAt().toString())
                    .put("status", live(s) ? "active" : "ended");
        }
        recorded(ActionRecord.of(clock.instant(), ActionRecord.Action.ACCESS, actor, token, "sessions=" + sessions.size()));
        return ApiResponse.json(HttpResponseStatus.OK, body);
    }

    private boolean live(SessionSummary s) {
        return await(store.find(s.sessionId())).isPresent();
    }

    private static ApiResponse erased(ErasureReport report) {
        ObjectNode body = ApiResponse.JSON.createObjectNode().put("subject", report.subjectToken());
        ObjectNode counts = body.putObject("counts");
        report.counts().forEach(counts::put);
        return ApiResponse.json(HttpResponseStatus.OK, body);
    }

    /** Appends and forces; an action the log cannot record is not answered. */
    private void recorded(ActionRecord r) {
        if (!log.appendAction(r)) {
            throw new PrivacyStoreException("decision log append", null);
        }
        await(log.flush());
    }

    private <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PrivacyStoreException("access", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new PrivacyStoreException("access", e.getCause() != null ? e.getCause() : e);
        }
    }

    private static Optional<String> subject(ApiRequest request) {
        String s = request.pathParam("subjectId");
        return s.isEmpty() || s.length() > MAX_SUBJECT_LENGTH || s.chars().anyMatch(Character::isISOControl)
                ? Optional.empty() : Optional.of(s);
    }

    private static ApiResponse invalidSubject() {
        return ApiResponse.error(HttpResponseStatus.BAD_REQUEST, "invalid_request",
                "subjectId: 1-" + MAX_SUBJECT_LENGTH + " characters");
    }
}
