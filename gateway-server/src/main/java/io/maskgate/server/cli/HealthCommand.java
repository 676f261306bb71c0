package io.maskgate.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code health}: {@code /health/ready} (open) and {@code /status.json} (open, or role operations
 * when {@code admin.statusPublic} is false) summed up in a few lines for on-call.
 */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Quick health summary: ready or not and why, trunks and SMPP upstreams up/down, calls/s, "
                + "SMS/s, top refusal reasons.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:ready", "1:not ready", "2:admin API unreachable", "64:bad command line"})
final class HealthCommand extends CtlCommand {

    static final int TOP_REASONS = 5;

    @Mixin
    AdminOptions admin;

    @Override
    public Integer call() {
        AdminClient client = admin.client(env());
        AdminClient.Answer ready = client.get("/health/ready");
        JsonNode readiness = json(ready.body()).orElse(JSON.createObjectNode());
        boolean isReady = ready.status() == 200;
        out().println(isReady ? "READY" : "NOT READY: " + readiness.path("reason").asText("HTTP " + ready.status()));
        List<String> checks = new ArrayList<>();
        readiness.path("checks").properties().forEach(e -> checks.add(e.getKey() + " " + e.getValue().asText()));
        if (!checks.isEmpty()) {
            out().println("checks:         " + String.join(", ", checks));
        }
        AdminClient.Answer status = client.get("/status.json");
        Optional<JsonNode> json = status.ok() ? json(status.body()) : Optional.empty();
        if (json.isPresent()) {
            summary(json.get());
        } else {
            out().println("(no traffic summary: /status.json answered HTTP " + status.status() + hint(status.status()) + ")");
        }
        return isReady ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private void summary(JsonNode s) {
        JsonNode sip = s.path("sip");
        out().println("sip trunks:     " + (sip.path("enabled").asBoolean() ? links(sip.path("trunks")) : "SIP off"));
        JsonNode smpp = s.path("smpp");
        out().println("smpp upstreams: " + (smpp.path("enabled").asBoolean() ? links(smpp.path("upstreams")) : "SMPP off"));
        if (smpp.path("enabled").asBoolean()) {
            List<String> binds = new ArrayList<>();
            smpp.path("esmeBinds").forEach(b -> binds.add(b.path("systemId").asText() + "=" + b.path("binds").asInt()));
            out().println("esme binds:     " + (binds.isEmpty() ? "none" : String.join(", ", binds)));
        }
        if (sip.path("enabled").asBoolean()) {
            out().println("active calls:   " + sip.path("activeCalls").asInt());
            List<String> carriers = new ArrayList<>();
            sip.path("carriers").forEach(c -> carriers.add(c.path("name").asText() + "=" + c.path("activeCalls").asInt()
                    + (c.path("maxCalls").asInt() > 0 ? "/" + c.path("maxCalls").asInt() : "")));
            if (!carriers.isEmpty()) {
                out().println("sip carriers:   " + String.join(", ", carriers));
            }
        }
        JsonNode rates = s.path("rates");
        out().printf("calls/s:        %.2f   sms/s: %.2f%n", rates.path("callsPerSecond").path("now").asDouble(),
                rates.path("smsPerSecond").path("now").asDouble());
        JsonNode refusals = s.path("refusals");
        List<String> top = new ArrayList<>();
        for (JsonNode r : refusals.path("byReason")) {
            if (top.size() < TOP_REASONS) {
                top.add(r.path("reason").asText() + " " + r.path("count").asLong());
            }
        }
        out().println("refusals (" + refusals.path("windowSeconds").asLong() / 60 + " min): "
                + (top.isEmpty() ? "none" : String.join(", ", top)));
    }

    private static String links(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(l -> out.add(l.path("name").asText() + " " + l.path("state").asText()));
        return out.isEmpty() ? "none configured" : String.join(", ", out);
    }
}
