package io.maskgate.core.consent;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks the consent platform over HTTP (JDK {@link HttpClient}, no extra library).
 *
 * <h2>Contract</h2>
 * <pre>
 * POST {base}/v1/consent/check
 * Content-Type: application/json
 * Authorization: Bearer &lt;token&gt;              (only when a token is configured)
 *
 * {"subjectId":"cust-123","purpose":"delivery","channel":"voice"}      channel: "voice" | "sms"
 *
 * 200 OK
 * {"decision":"granted","decisionId":"dec-8812","cacheTtlSeconds":300}
 *     decision:        "granted" | "denied"            (required)
 *     decisionId:      the platform's id, recorded with every routing decision (required, string)
 *     cacheTtlSeconds: how long any gateway node may reuse the answer, integer >= 0 (required);
 *                      0 = ask again next time. The gateway caps it by its consent.maxCacheTtl.
 *     Other members are ignored.
 * </pre>
 * Anything else - another status (including 3xx: redirects are not followed), a body that is not
 * this JSON, a decision other than the two above, no answer within {@link HttpSourceOptions#timeout()}
 * or a transport error - completes the future with {@link ConsentSourceException}, and the gate
 * answers UNAVAILABLE (the call or SMS is refused with a "try again" code). The platform never
 * receives a phone number: the subject id is the pseudonymous participant id.
 *
 * <p>Thread-safe; one instance per platform, shared by all relays.
 */
public final class HttpConsentSource implements ConsentSource {

    /** Path appended to the base URI. */
    public static final String CHECK_PATH = "/v1/consent/check";

    private final HttpSourceOptions options;
    private final HttpClient client;
    private final URI checkUri;

    public HttpConsentSource(HttpSourceOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if ("http".equals(options.baseUri().getScheme())) {
            builder.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade dance on plain HTTP
        }
        this.client = builder.build();
        String base = options.baseUri().toString();
        this.checkUri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + CHECK_PATH);
    }

    @Override
    public CompletableFuture<SourceAnswer> ask(ConsentQuery query) {
        HttpRequest request;
        try {
            request = request(query);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new ConsentSourceException("cannot build the consent request", e));
        }
        long timeoutMillis = options.timeout().toMillis();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                // Backstop: the request timeout covers the headers only, not a body that trickles in.
                .orTimeout(timeoutMillis * 2, TimeUnit.MILLISECONDS)
                .handle((response, error) -> {
                    if (error != null) {
                        throw translate(error, timeoutMillis);
                    }
                    return answer(response);
                });
    }

    private HttpRequest request(ConsentQuery query) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("subjectId", query.subjectId());
        body.put("purpose", query.purpose());
        body.put("channel", query.channel().tag());
        HttpRequest.Builder b = HttpRequest.newBuilder(checkUri)
                .timeout(options.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(FlatJson.writeObject(body)));
        options.bearerToken().get().ifPresent(token -> b.header("Authorization", "Bearer " + token));
        return b.build();
    }

    static SourceAnswer answer(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw ConsentSourceException.status(response.statusCode());
        }
        try {
            Map<String, Object> json = FlatJson.parseObject(response.body());
            String decision = FlatJson.requiredString(json, "decision").toLowerCase(Locale.ROOT);
            String decisionId = FlatJson.requiredString(json, "decisionId");
            Duration ttl = Duration.ofSeconds(FlatJson.requiredWholeNumber(json, "cacheTtlSeconds"));
            return switch (decision) {
                case "granted" -> SourceAnswer.granted(decisionId, ttl);
                case "denied" -> SourceAnswer.denied(decisionId, ttl);
                default -> throw ConsentSourceException.badAnswer("decision is neither granted nor denied");
            };
        } catch (IllegalArgumentException e) {
            throw ConsentSourceException.badAnswer(e.getMessage());
        }
    }

    private static ConsentSourceException translate(Throwable error, long timeoutMillis) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof ConsentSourceException known) {
            return known;
        }
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return ConsentSourceException.timeout(timeoutMillis);
        }
        return ConsentSourceException.transport(cause);
    }

    /** The endpoint asked, for start-up logs. */
    public URI checkUri() {
        return checkUri;
    }

    @Override
    public String toString() {
        return "HttpConsentSource[" + options + "]";
    }

    /** A token supplier that always gives {@code token} (read once at start from env or a file). */
    public static java.util.function.Supplier<Optional<String>> fixedToken(String token) {
        Optional<String> value = Optional.of(Objects.requireNonNull(token, "token"));
        return () -> value;
    }
}
