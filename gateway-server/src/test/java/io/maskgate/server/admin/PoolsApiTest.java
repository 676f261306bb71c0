package io.maskgate.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.pool.NumberPool;
import io.maskgate.core.pool.NumberPools;
import io.maskgate.core.session.SessionStore;
import io.maskgate.core.session.SessionStore.PoolUsage;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** GET /v1/pools on a store that can count (memory) and one that cannot (Redis) or fails. */
class PoolsApiTest {

    private final NumberPools pools = NumberPools.of(
            new NumberPool("default", NumberPool.range(PhoneNumber.ofE164("+918000000000"), PhoneNumber.ofE164("+918000000009"))),
            new NumberPool("tiny", List.of(PhoneNumber.ofE164("+918000009999"))));
    private final SessionStore store = mock(SessionStore.class);
    private final ApiRequest request = new ApiRequest(HttpMethod.GET, PoolsApi.PATH, Map.of(), new DefaultHttpHeaders(),
            new byte[0]);

    private JsonNode answer() throws Exception {
        ApiResponse r = new PoolsApi(pools, store, Duration.ofSeconds(1)).list(request).get();
        assertEquals(200, r.status().code());
        return ApiResponse.JSON.readTree(r.body());
    }

    @Test
    void withUsageEachPoolShowsSessionsNumbersInUseAndFree() throws Exception {
        when(store.poolUsage()).thenReturn(CompletableFuture.completedFuture(Optional.of(Map.of("default", new PoolUsage(5, 3)))));
        JsonNode json = answer();
        assertEquals(true, json.path("usageKnown").asBoolean());
        JsonNode first = json.path("pools").get(0);
        assertEquals("default", first.path("name").asText());
        assertEquals(10, first.path("size").asInt());
        assertEquals(5, first.path("sessions").asInt());
        assertEquals(3, first.path("numbersInUse").asInt());
        assertEquals(7, first.path("free").asInt());
        assertEquals(0, json.path("pools").get(1).path("sessions").asInt());
        assertEquals(1, json.path("pools").get(1).path("free").asInt());
    }

    @Test
    void aStoreThatCannotCountOrFailsGivesSizesOnly() throws Exception {
        when(store.poolUsage()).thenReturn(CompletableFuture.completedFuture(Optional.empty()));
        JsonNode json = answer();
        assertFalse(json.path("usageKnown").asBoolean());
        assertEquals(10, json.path("pools").get(0).path("size").asInt());
        assertFalse(json.path("pools").get(0).has("sessions"));

        when(store.poolUsage()).thenReturn(CompletableFuture.failedFuture(new IllegalStateException("boom")));
        assertFalse(answer().path("usageKnown").asBoolean());
    }
}
