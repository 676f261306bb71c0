package io.maskgate.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the end-to-end suites do to a running gateway besides SIP and SMPP: create a session as
 * the OMS would (quick-start provisioning token), read an admin path, and read the event stream
 * back from Redis as the analytics side would.
 */
final class GatewayAdmin {
    private static final Pattern PROXY = Pattern.compile("\"proxyNumber\"\\s*:\\s*\"(\\+\\d+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI admin;

    GatewayAdmin(GatewayProcess gateway) {
        this.admin = gateway.adminUri();
    }

    /** Creates a delivery session between the two participants and returns its proxy number. */
    String createSession(String reference, String customer, String rider) throws Exception {
        return createSession(reference, "cust-123", customer, "rider-77", rider);
    }

    /** As {@link #createSession(String, String, String)}, with the participants' subject ids. */
    String createSession(String reference, String customerId, String customer, String riderId, String rider)
            throws Exception {
        String body = "{\"purpose\":\"delivery\",\"ttlSeconds\":3600,\"reference\":\"" + reference + "\","
                + "\"pool\":\"default\",\"participants\":[{\"id\":\"" + customerId + "\",\"number\":\"" + customer
                + "\"},{\"id\":\"" + riderId + "\",\"number\":\"" + rider + "\"}]}";
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(admin.resolve("/v1/sessions"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer mg-quickstart-provisioning")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        Matcher m = PROXY.matcher(created.body());
        assertTrue(m.find(), created.body());
        return m.group(1);
    }

    /** {@code POST /v1/admin/reload} with the quick-start operations token. */
    HttpResponse<String> reload() throws Exception {
        return post("/v1/admin/reload", "mg-quickstart-operations");
    }

    /** {@code POST path} with {@code token} and no body. */
    HttpResponse<String> post(String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(admin.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An unauthenticated GET (health routes). */
    HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(admin.resolve(path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Every entry of the event stream, read with a fresh client as a consumer would. */
    static List<StreamMessage<String, String>> events(String redisUri, String stream) {
        RedisClient client = RedisClient.create(redisUri);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            return c.sync().xrange(stream, Range.create("-", "+"));
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
