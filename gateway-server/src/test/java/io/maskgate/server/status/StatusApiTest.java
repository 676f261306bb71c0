package io.maskgate.server.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskgate.server.Gateway;
import io.maskgate.server.TestConfs;
import io.maskgate.server.config.ConfigLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status routes on an in-process gateway: headers, access rule, and a page that loads nothing from elsewhere. */
class StatusApiTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Any 7+ digit run: the page and its data never hold a phone number. */
    private static final Pattern DIGITS = Pattern.compile("\\d{7,}");

    @TempDir
    Path dir;

    @Test
    void thePageIsSelfContainedUnderAStrictPolicyAndTheDataIsOpenByDefault() throws Exception {
        try (Gateway g = Gateway.start(TestConfs.config(dir, ""))) {
            HttpResponse<String> page = get(g, "/status", "");
            assertEquals(200, page.statusCode());
            assertEquals("default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'",
                    page.headers().firstValue("Content-Security-Policy").orElseThrow());
            assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
            assertFalse(Pattern.compile("(src|href)\\s*=\\s*\"(https?:)?//").matcher(page.body()).find(),
                    "the page must not load anything from elsewhere");

            HttpResponse<String> data = get(g, "/status.json", "");
            assertEquals(200, data.statusCode(), data.body());
            JsonNode json = new ObjectMapper().readTree(data.body());
            assertEquals("test-node", json.path("node").asText());
            assertEquals("ready", json.path("health").path("status").asText());
            assertEquals("up", json.path("health").path("checks").path("audit_log").asText());
            assertFalse(DIGITS.matcher(data.body().replaceAll("\"at\":\"[^\"]*\"", "")).find(), data.body());
        }
    }

    @Test
    void withStatusPublicFalseTheDataNeedsTheOperationsRoleButThePageDoesNot() throws Exception {
        String yaml = TestConfs.replaceOnce(TestConfs.yaml(dir, ""), "  maxBodyBytes: 65536\n",
                "  maxBodyBytes: 65536\n  statusPublic: false\n");
        try (Gateway g = Gateway.start(ConfigLoader.parse("t", yaml).config())) {
            assertEquals(200, get(g, "/status", "").statusCode());
            assertEquals(401, get(g, "/status.json", "").statusCode());
            assertEquals(403, get(g, "/status.json", TestConfs.PROVISIONING_TOKEN).statusCode());
            assertEquals(200, get(g, "/status.json", TestConfs.OPERATIONS_TOKEN).statusCode());
        }
    }

    private static HttpResponse<String> get(Gateway g, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.adminPort() + path));
        if (!token.isEmpty()) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
