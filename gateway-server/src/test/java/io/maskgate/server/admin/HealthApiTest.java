package io.maskgate.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import io.maskgate.core.session.SessionStore;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HealthApiTest {

    private final SessionStore store = mock(SessionStore.class);
    private final AtomicBoolean audit = new AtomicBoolean(true);
    private final AtomicBoolean upstream = new AtomicBoolean(false);
    private final HealthApi health = new HealthApi(store, () -> true, Duration.ofSeconds(1), List.of(
            HealthCheck.required("audit_log", audit::get), HealthCheck.reported("smpp_upstream", upstream::get)));

    @Test
    void aReportedCheckThatIsDownDoesNotFailReadiness() throws Exception {
        when(store.ping()).thenReturn(CompletableFuture.completedFuture(true));
        ApiResponse r = ready();
        assertEquals(200, r.status().code());
        JsonNode body = ApiResponse.JSON.readTree(r.body());
        assertEquals("up", body.get("checks").get("audit_log").asText());
        assertEquals("down", body.get("checks").get("smpp_upstream").asText());
    }

    @Test
    void anUnhealthyDecisionLogMakesTheNodeNotReady() throws Exception {
        when(store.ping()).thenReturn(CompletableFuture.completedFuture(true));
        audit.set(false);
        ApiResponse r = ready();
        assertEquals(503, r.status().code());
        assertEquals("audit_log_unhealthy", ApiResponse.JSON.readTree(r.body()).get("reason").asText());
    }

    @Test
    void storeDownIsStillReportedWithTheChecks() throws Exception {
        when(store.ping()).thenReturn(CompletableFuture.completedFuture(false));
        upstream.set(true);
        ApiResponse r = ready();
        assertEquals(503, r.status().code());
        JsonNode body = ApiResponse.JSON.readTree(r.body());
        assertEquals("store_unreachable", body.get("reason").asText());
        assertEquals("up", body.get("checks").get("smpp_upstream").asText());
    }

    private ApiResponse ready() {
        return health.ready(new ApiRequest(HttpMethod.GET, HealthApi.READY, Map.of(), new DefaultHttpHeaders(),
                new byte[0])).join();
    }
}
