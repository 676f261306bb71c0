package io.maskgate.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maskgate.core.audit.ActionRecord;
import io.maskgate.core.audit.AuditEntry;
import io.maskgate.core.audit.AuditException;
import io.maskgate.core.audit.AuditExporter;
import io.maskgate.core.audit.AuditVerifier;
import io.maskgate.core.audit.DecisionRecord;
import io.maskgate.core.audit.EvidenceReader;
import io.maskgate.core.audit.ExportRange;
import io.maskgate.core.audit.FileDecisionLog;
import io.maskgate.core.audit.VerifyResult;
import io.maskgate.core.events.SafeText;
import io.maskgate.core.privacy.SubjectFieldCipher;
import io.maskgate.keystore.KeyRing;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The decision log for auditors (role audit), over the admin API with the same code as the
 * command line tool ({@link AuditVerifier}, {@link AuditExporter}):
 * <ul>
 *   <li>{@code GET /v1/audit/verify}: walks the whole chain; {@code ok} and the last tag, or the first
 *       broken line;</li>
 *   <li>{@code GET /v1/audit/export?from=&to=} (both seq numbers or both ISO-8601 instants): the
 *       evidence file (anchor + lines byte for byte, verifiable offline with {@code audit-tool verify
 *       --evidence}) and a readable view where sealed party ids are opened, or shown as
 *       {@value SubjectFieldCipher#ERASED} once their subject key was erased or purged.</li>
 * </ul>
 * File work runs on the privacy worker thread. The log is flushed first, so the answer covers
 * every record accepted before the request.
 */
public final class AuditApi {

    public static final String VERIFY = "/v1/audit/verify";
    public static final String EXPORT = "/v1/audit/export";
    /** Most records one export answers (a bigger range: use the command line tool on the host). */
    static final int MAX_EXPORT_RECORDS = 10_000;

    private final FileDecisionLog log;
    private final KeyRing keys;
    private final UnaryOperator<String> openField;
    private final Executor worker;
    private final Duration timeout;

    /** @param fields opens sealed party ids; empty when the log is written without subject keys */
    public AuditApi(FileDecisionLog log, KeyRing keys, Optional<SubjectFieldCipher> fields, Executor worker,
                    Duration timeout) {
        this.log = log;
        this.keys = keys;
        this.openField = fields.<UnaryOperator<String>>map(f -> f::open).orElse(UnaryOperator.identity());
        this.worker = worker;
        this.timeout = timeout;
    }

    CompletableFuture<ApiResponse> verify(ApiRequest request) {
        return flushed().thenApplyAsync(done -> verified(new AuditVerifier(keys).verify(log.file(),
                AuditVerifier.Start.GENESIS)), worker).exceptionally(AuditApi::failed);
    }

    CompletableFuture<ApiResponse> export(ApiRequest request) {
        Optional<ExportRange> range = range(request.queryParam("from"), request.queryParam("to"));
        if (range.isEmpty()) {
            return CompletableFuture.completedFuture(ApiResponse.error(HttpResponseStatus.BAD_REQUEST, "invalid_request",
                    "from and to: both seq numbers or both ISO-8601 instants, from <= to"));
        }
        return flushed().thenApplyAsync(done -> exported(range.get()), worker).exceptionally(AuditApi::failed);
    }

    private CompletableFuture<Void> flushed() {
        return log.flush().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static ApiResponse verified(VerifyResult result) {
        ObjectNode body = ApiResponse.JSON.createObjectNode().put("ok", result.ok());
        if (result instanceof VerifyResult.Ok ok) {
            body.put("records", ok.records()).put("firstSeq", ok.firstSeq()).put("lastSeq", ok.lastSeq())
                    .put("lastMac", ok.lastMac());
        } else {
            VerifyResult.Broken broken = (VerifyResult.Broken) result;
            body.put("line", broken.line()).put("problem", broken.problem().name()).put("message", broken.message());
        }
        return ApiResponse.json(HttpResponseStatus.OK, body);
    }

    private ApiResponse exported(ExportRange range) {
        Path out = log.file().toAbsolutePath().resolveSibling(log.file().getFileName() + ".export-" + System.nanoTime());
        try {
            AuditExporter.Result result = new AuditExporter(keys).export(log.file(), range, out);
            if (result.records() > MAX_EXPORT_RECORDS) {
                return ApiResponse.error(HttpResponseStatus.BAD_REQUEST, "range_too_large",
                        "at most " + MAX_EXPORT_RECORDS + " records per export; use audit-tool export on the host");
            }
            ObjectNode body = ApiResponse.JSON.createObjectNode().put("records", result.records())
                    .put("firstSeq", result.firstSeq()).put("lastSeq", result.lastSeq())
                    .put("evidence", Files.readString(out, StandardCharsets.UTF_8));
            ArrayNode entries = body.putArray("entries");
            for (AuditEntry e : EvidenceReader.read(out)) {
                entries.add(view(e));
            }
            return ApiResponse.json(HttpResponseStatus.OK, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(out);
        }
    }

    private ObjectNode view(AuditEntry e) {
        ObjectNode n = ApiResponse.JSON.createObjectNode().put("seq", e.seq()).put("node", e.node())
                .put("time", e.record().time().toString());
        if (e.record() instanceof ActionRecord a) {
            return n.put("kind", "action").put("action", a.action().tag()).put("actor", a.actor().value())
                    .put("target", a.target()).put("detail", a.detail().value());
        }
        DecisionRecord d = (DecisionRecord) e.record();
        n.put("kind", "decision").put("channel", d.channel().tag()).put("outcome", d.outcome().tag());
        d.reason().ifPresent(r -> n.put("reason", r.tag()));
        d.sessionId().ifPresent(s -> n.put("sessionId", s.value()));
        d.purpose().ifPresent(p -> n.put("purpose", p.value()));
        // An opened id goes through SafeText again: whatever a key holds, no number leaves here.
        d.callerId().ifPresent(c -> n.put("callerId", SafeText.of(openField.apply(c.value())).value()));
        d.calleeId().ifPresent(c -> n.put("calleeId", SafeText.of(openField.apply(c.value())).value()));
        d.consentDecisionId().ifPresent(c -> n.put("consentDecisionId", c.value()));
        return n;
    }

    private static ApiResponse failed(Throwable t) {
        Throwable cause = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
        if (cause instanceof AuditException e) {
            return ApiResponse.error(HttpResponseStatus.CONFLICT, "audit_failed", e.getMessage());
        }
        return StoreFailures.toResponse(cause, "audit");
    }

    static Optional<ExportRange> range(Optional<String> from, Optional<String> to) {
        if (from.isEmpty() || to.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (isSeq(from.get()) && isSeq(to.get())) {
                return Optional.of(new ExportRange.Seq(Long.parseLong(from.get()), Long.parseLong(to.get())));
            }
            return Optional.of(new ExportRange.Time(Instant.parse(from.get()), Instant.parse(to.get())));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static boolean isSeq(String s) {
        return !s.isEmpty() && s.length() < 19 && s.chars().allMatch(Character::isDigit);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(AuditApi.class).warn("could not delete export scratch file {}", p);
        }
    }
}
