package io.maskgate.server.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maskgate.server.admin.HealthApi.Readiness;
import io.maskgate.server.status.StatusSources.CarrierLoad;
import io.maskgate.server.status.StatusSources.Link;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The document {@code GET /status.json} answers and the status page draws. Only aggregates and
 * conf names: no number, no session id, no participant id.
 *
 * <pre>{@code
 * {"node":"maskgate-1","at":"...","health":{"status":"ready","reason":"","checks":{"audit_log":"up"}},
 *  "sip":{"enabled":true,"activeCalls":0,"trunks":[{"name":"sbc-west","state":"up"}],
 *         "carriers":[{"name":"carrier-a","activeCalls":12,"maxCalls":300}]},
 *  "smpp":{"enabled":true,"upstreams":[{"name":"smsc-a","state":"down"}],"esmeBinds":[{"systemId":"oms","binds":1}]},
 *  "rates":{"intervalSeconds":10,"windowSeconds":900,"callsPerSecond":{"now":0.1,"history":[...]},"smsPerSecond":{...}},
 *  "refusals":{"windowSeconds":900,"total":2,"byReason":[{"reason":"no_session","count":2}]}}
 * }</pre>
 */
public final class StatusJson {

    static final ObjectMapper JSON = new ObjectMapper();

    private StatusJson() {
    }

    public static ObjectNode build(String node, Instant at, Readiness health, StatusSources sources, RateHistory rates) {
        ObjectNode root = JSON.createObjectNode().put("node", node).put("at", at.toString());
        root.set("health", health(health));
        root.set("sip", sip(sources));
        root.set("smpp", smpp(sources));
        root.set("rates", rates(rates));
        root.set("refusals", refusals(rates));
        return root;
    }

    private static ObjectNode health(Readiness r) {
        ObjectNode node = JSON.createObjectNode().put("status", r.ready() ? "ready" : "not_ready").put("reason", r.reason());
        ObjectNode checks = node.putObject("checks");
        r.checks().forEach((name, up) -> checks.put(name, state(up)));
        return node;
    }

    private static ObjectNode sip(StatusSources sources) {
        OptionalInt active = sources.activeCalls().get();
        ObjectNode node = JSON.createObjectNode().put("enabled", active.isPresent());
        active.ifPresent(n -> node.put("activeCalls", n));
        node.set("trunks", links(sources.sipTrunks().get()));
        ArrayNode carriers = node.putArray("carriers");
        for (CarrierLoad c : sources.sipCarriers().get()) {
            carriers.addObject().put("name", c.name()).put("activeCalls", c.activeCalls()).put("maxCalls", c.maxCalls());
        }
        return node;
    }

    private static ObjectNode smpp(StatusSources sources) {
        List<Link> upstreams = sources.smppUpstreams().get();
        Map<String, Integer> binds = sources.esmeBinds().get();
        ObjectNode node = JSON.createObjectNode().put("enabled", sources.smppEnabled());
        node.set("upstreams", links(upstreams));
        ArrayNode esme = node.putArray("esmeBinds");
        binds.forEach((systemId, count) -> esme.addObject().put("systemId", systemId).put("binds", count));
        return node;
    }

    private static ObjectNode rates(RateHistory rates) {
        ObjectNode node = JSON.createObjectNode()
                .put("intervalSeconds", rates.interval().toSeconds())
                .put("windowSeconds", rates.window().toSeconds());
        node.set("callsPerSecond", series(rates, DecisionCounters.CALLS));
        node.set("smsPerSecond", series(rates, DecisionCounters.SMS));
        return node;
    }

    private static ObjectNode series(RateHistory rates, String name) {
        ObjectNode node = JSON.createObjectNode().put("now", round(rates.latestPerSecond(name)));
        ArrayNode history = node.putArray("history");
        rates.perSecond(name).forEach(v -> history.add(round(v)));
        return node;
    }

    private static ObjectNode refusals(RateHistory rates) {
        Map<String, Long> byReason = rates.increasesSinceWindowStart(DecisionCounters.REFUSED_PREFIX);
        ObjectNode node = JSON.createObjectNode()
                .put("windowSeconds", rates.window().toSeconds())
                .put("total", byReason.values().stream().mapToLong(Long::longValue).sum());
        ArrayNode list = node.putArray("byReason");
        byReason.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> list.addObject().put("reason", e.getKey()).put("count", e.getValue()));
        return node;
    }

    private static ArrayNode links(List<Link> links) {
        ArrayNode array = JSON.createArrayNode();
        links.forEach(l -> array.addObject().put("name", l.name()).put("state", state(l.up())));
        return array;
    }

    private static String state(boolean up) {
        return up ? "up" : "down";
    }

    /** Two decimals are plenty for a glance and keep the document small. */
    private static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
