package io.maskgate.server.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.maskgate.core.routing.Channel;
import io.maskgate.core.routing.RoutingMetrics;
import io.maskgate.server.admin.HealthApi.Readiness;
import io.maskgate.server.status.StatusSources.CarrierLoad;
import io.maskgate.server.status.StatusSources.Link;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class StatusJsonTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final Instant at = Instant.parse("2025-01-01T00:00:00Z");

    private Counter decisions(Channel channel, String outcome, String reason) {
        return Counter.builder(RoutingMetrics.DECISIONS).tag("channel", channel.tag()).tag("outcome", outcome)
                .tag("reason", reason).register(registry);
    }

    @Test
    void showsHealthLinksRatesAndRefusalsFromTheRoutingCounters() {
        decisions(Channel.VOICE, "routed", "none").increment(20);
        decisions(Channel.VOICE, "refused", "no_session").increment(2);
        decisions(Channel.SMS, "refused", "no_session").increment(3);
        decisions(Channel.SMS, "refused", "consent_denied").increment(1);
        RateHistory rates = new RateHistory(Clock.fixed(at, ZoneOffset.UTC), Duration.ofSeconds(10),
                Duration.ofMinutes(15), new DecisionCounters(registry));
        Map<String, Boolean> checks = new LinkedHashMap<>();
        checks.put("audit_log", true);
        checks.put("smpp_upstream", false);
        StatusSources sources = new StatusSources(() -> List.of(new Link("carrier-a", true), new Link("carrier-b", false)),
                () -> List.of(new CarrierLoad("in-a", 12, 300), new CarrierLoad("in-b", 3, 0)),
                () -> List.of(new Link("smsc-a", false)), true, () -> Map.of("oms", 2), () -> OptionalInt.of(7));

        JsonNode json = StatusJson.build("node-1", at, new Readiness(true, "", checks), sources, rates);

        assertEquals("node-1", json.path("node").asText());
        assertEquals("ready", json.path("health").path("status").asText());
        assertEquals("down", json.path("health").path("checks").path("smpp_upstream").asText());
        assertEquals("carrier-b", json.path("sip").path("trunks").get(1).path("name").asText());
        assertEquals("down", json.path("sip").path("trunks").get(1).path("state").asText());
        assertEquals(7, json.path("sip").path("activeCalls").asInt());
        JsonNode carrier = json.path("sip").path("carriers").get(0);
        assertEquals("in-a", carrier.path("name").asText());
        assertEquals(12, carrier.path("activeCalls").asInt());
        assertEquals(300, carrier.path("maxCalls").asInt());
        assertEquals(0, json.path("sip").path("carriers").get(1).path("maxCalls").asInt(), "no limit");
        assertEquals("down", json.path("smpp").path("upstreams").get(0).path("state").asText());
        assertEquals(2, json.path("smpp").path("esmeBinds").get(0).path("binds").asInt());
        assertEquals(6, json.path("refusals").path("total").asInt());
        JsonNode first = json.path("refusals").path("byReason").get(0);
        assertEquals("no_session", first.path("reason").asText());
        assertEquals(5, first.path("count").asInt());
        assertEquals(900, json.path("rates").path("windowSeconds").asInt());
    }

    @Test
    void withTheRelaysOffTheSectionsSaySoAndHoldNoActiveCalls() {
        RateHistory rates = new RateHistory(Clock.fixed(at, ZoneOffset.UTC), Duration.ofSeconds(10),
                Duration.ofMinutes(15), new DecisionCounters(registry));
        JsonNode json = StatusJson.build("n", at, new Readiness(false, "store_unreachable", Map.of()),
                StatusSources.none(), rates);
        assertEquals("not_ready", json.path("health").path("status").asText());
        assertEquals("store_unreachable", json.path("health").path("reason").asText());
        assertFalse(json.path("sip").path("enabled").asBoolean());
        assertFalse(json.path("sip").has("activeCalls"));
        assertFalse(json.path("smpp").path("enabled").asBoolean());
        assertEquals(0, json.path("refusals").path("total").asInt());
    }
}
