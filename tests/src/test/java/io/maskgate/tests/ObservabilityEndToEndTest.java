package io.maskgate.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskgate.core.number.PhoneNumber;
import io.maskgate.sip.policy.LeakPattern;
import io.maskgate.smpp.testing.SmscStandIn;
import io.maskgate.testing.FreePorts;
import io.maskgate.testing.RedisServer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.jsmpp.session.SMPPSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * What ops and on-call get, against the real jar on the shipped conf with {@code logging.format:
 * json}, after one SIP call (sipp carrier and callee) and one SMS round trip (jsmpp ESME, SMSC
 * stand-in): every metric the shipped Grafana dashboard and Prometheus alert rules use is
 * exported; every label value is from a closed set and none looks like a number; every line the
 * process prints is a JSON log event without a real number.
 */
class ObservabilityEndToEndTest {

    private static final PhoneNumber CUSTOMER = PhoneNumber.ofE164("+919812345678");
    private static final PhoneNumber RIDER = PhoneNumber.ofE164("+919876543210");
    private static final String OPERATIONS_TOKEN = "mg-quickstart-operations"; // shipped QUICK START token
    /** Series Prometheus records itself for every scrape target; the gateway cannot export them. */
    private static final Set<String> PROMETHEUS_SYNTHETIC = Set.of("up");
    private static final Pattern TYPE_LINE = Pattern.compile("(?m)^# TYPE (\\S+) (\\S+)$");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? \\S+.*$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern NUMBER_LIKE = Pattern.compile("\\d[\\d .()-]{6,}\\d");
    private static final Path OPS = Path.of(System.getProperty("maskgate.ops", "../ops"));

    @TempDir
    static Path work;

    private static RedisServer redis;
    private static SmscStandIn smsc;
    private static GatewayProcess gateway;
    private static GatewayAdmin admin;
    private static String metrics;

    @BeforeAll
    static void startAndRelayOneCallAndOneSms() throws Exception {
        redis = RedisServer.startNew();
        smsc = SmscStandIn.start("maskgate", GatewayProcess.SMSC_PASSWORD);
        int trunkPort = FreePorts.tcpAndUdp();
        Path conf = ShippedConf.load().anyAdminPort().anySmppPort().anySipPort().sipTrunkPort(trunkPort)
                .sipTrunkPingsOff().redisStore(redis.uri()).smppUpstreamPort(smsc.port())
                .set("  format: plain\n", "  format: json\n").writeTo(work);
        gateway = GatewayProcess.start(conf, work);
        admin = new GatewayAdmin(gateway);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> admin.get("/health/ready").statusCode() == 200);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !smsc.boundSessions().isEmpty());
        String proxy = admin.createSession("order-obs-1", CUSTOMER.e164(), RIDER.e164());

        try (Sipp rider = Sipp.uas(work.resolve("call/uas"), "uas-answer-wait-bye.xml", trunkPort, RIDER.e164());
             Sipp carrier = Sipp.uac(work.resolve("call/uac"), "uac-call-bye.xml", gateway.sipUdpPort(), proxy,
                     CUSTOMER.e164())) {
            carrier.assertPassed();
            rider.assertPassed();
        }
        SMPPSession esme = QuickStartEsme.bind(gateway.smppPort());
        try {
            QuickStartEsme.submit(esme, CUSTOMER.e164(), proxy, "at the gate");
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> smsc.submits().size() == 1);
            metrics = scrape(); // while the ESME is still bound
        } finally {
            esme.unbindAndClose();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        Teardown.closeAll(gateway, smsc, redis);
    }

    @Test
    void everyMetricTheDashboardAndTheAlertsUseIsExported() throws Exception {
        Set<String> exported = exportedNames(metrics);
        Map<String, Set<String>> used = new TreeMap<>();
        used.put("dashboard", dashboardMetricNames());
        used.put("alerts", alertMetricNames());
        assertTrue(used.get("dashboard").size() >= 20, "the dashboard uses only " + used.get("dashboard"));
        assertTrue(used.get("alerts").size() >= 7, "the alerts use only " + used.get("alerts"));
        for (Map.Entry<String, Set<String>> file : used.entrySet()) {
            Set<String> missing = new TreeSet<>(file.getValue());
            missing.removeAll(exported);
            missing.removeAll(PROMETHEUS_SYNTHETIC);
            assertTrue(missing.isEmpty(), file.getKey() + " uses metrics the gateway does not export: " + missing);
        }
        // the series the call and the SMS must have moved
        assertTrue(metrics.contains("maskgate_routing_decisions_total{channel=\"voice\",outcome=\"routed\",reason=\"none\"} 1"),
                metrics);
        assertTrue(metrics.contains("maskgate_routing_decisions_total{channel=\"sms\",outcome=\"routed\",reason=\"none\"} 1"),
                metrics);
        assertTrue(metrics.contains("maskgate_smpp_binds{state=\"bound_trx\",system_id=\"quickstart\"} 1"), metrics);
        assertTrue(metrics.contains("maskgate_sip_call_setup_seconds_count 1"), metrics);
        assertTrue(metrics.contains("maskgate_sip_call_setup_in_gateway_seconds_count 1"), metrics);
        assertTrue(metrics.contains(
                "maskgate_sip_carrier_calls_total{carrier=\"local-carrier\",result=\"admitted\"} 1.0"), metrics);
        assertTrue(metrics.contains("maskgate_sip_carrier_calls_active{carrier=\"local-carrier\"} 0.0"), metrics);
        assertTrue(metrics.contains("maskgate_sip_carrier_calls_ended_total{carrier=\"local-carrier\","
                + "outcome=\"connected\",reason=\"answered\"} 1.0"), metrics);
    }

    @Test
    void everyAlertRuleHasExprForSeverityAndSummary() throws IOException {
        List<Map<String, Object>> rules = alertRules();
        assertTrue(rules.size() >= 9, rules.toString());
        Set<String> alerts = new TreeSet<>();
        for (Map<String, Object> rule : rules) {
            String name = String.valueOf(rule.get("alert"));
            assertTrue(alerts.add(name), "two rules named " + name);
            assertTrue(rule.get("expr") instanceof String s && !s.isBlank(), name + ": expr");
            assertTrue(rule.get("for") instanceof String f && f.matches("\\d+[smh]"), name + ": for");
            Map<?, ?> labels = (Map<?, ?>) rule.get("labels");
            assertTrue(Set.of("page", "ticket").contains(labels.get("severity")), name + ": severity");
            Map<?, ?> annotations = (Map<?, ?>) rule.get("annotations");
            assertTrue(annotations.get("summary") instanceof String s && !s.isBlank(), name + ": summary");
            assertTrue(annotations.get("runbook") instanceof String s && !s.isBlank(), name + ": runbook");
        }
        Map<String, Object> leak = rules.stream().filter(r -> "MaskGateLeakGuardBlocked".equals(r.get("alert")))
                .findFirst().orElseThrow();
        assertEquals("0m", leak.get("for"), "a leak-guard block pages at once");
        assertEquals("page", ((Map<?, ?>) leak.get("labels")).get("severity"));
        promtoolCheckIfInstalled();
    }

    @Test
    void everyLabelValueIsFromAClosedSetAndNoneLooksLikeANumber() {
        Map<String, Set<String>> seen = new TreeMap<>();
        for (String line : metrics.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.matches() || sample.group(2) == null) {
                continue;
            }
            Matcher label = LABEL.matcher(sample.group(2));
            while (label.find()) {
                String key = label.group(1);
                String value = label.group(2);
                if (!key.equals("le") && !key.equals("quantile")) {
                    assertFalse(NUMBER_LIKE.matcher(value).find(), line);
                }
                if (sample.group(1).startsWith("maskgate_")) {
                    seen.computeIfAbsent(key, k -> new TreeSet<>()).add(value);
                }
            }
        }
        List<String> unexpected = new ArrayList<>();
        seen.forEach((key, values) -> values.stream().filter(v -> !allowed(key, v))
                .forEach(v -> unexpected.add(key + "=" + v)));
        assertTrue(unexpected.isEmpty(), "label values outside the closed sets: " + unexpected + "\n" + seen);
        assertTrue(seen.get("method").contains("INVITE") && seen.get("status_class").contains("2xx"), seen.toString());
    }

    @Test
    void everyLineTheProcessPrintsIsAJsonLogEventWithoutARealNumber() throws Exception {
        assertEquals(200, admin.get("/health/live").statusCode());
        String output = gateway.output();
        ObjectMapper json = new ObjectMapper();
        String[] lines = output.split("\n");
        assertTrue(lines.length >= 5, output);
        for (String line : lines) {
            JsonNode event = json.readTree(line);
            for (String field : List.of("time", "level", "logger", "message")) {
                assertTrue(event.hasNonNull(field), field + " missing in: " + line);
            }
        }
        byte[] bytes = output.getBytes(StandardCharsets.UTF_8);
        assertFalse(LeakPattern.of(CUSTOMER, "91").foundIn(bytes), "the customer's number is in the log");
        assertFalse(LeakPattern.of(RIDER, "91").foundIn(bytes), "the rider's number is in the log");
    }

    /** Closed sets: fixed vocabularies of the code, and names that come from the conf under test. */
    private static boolean allowed(String key, String value) {
        return switch (key) {
            case "le", "quantile" -> value.matches("[0-9.]+(?:E-?[0-9]+)?|\\+Inf");
            case "method" -> value.matches("INVITE|ACK|BYE|CANCEL|OPTIONS|REGISTER|PRACK|UPDATE|INFO|SUBSCRIBE"
                    + "|NOTIFY|REFER|MESSAGE|PUBLISH|other");
            case "status_class" -> value.matches("[1-6]xx");
            case "channel" -> value.matches("voice|sms");
            case "system_id" -> value.equals("quickstart");
            case "smsc" -> value.equals("local-smsc");
            case "trunk" -> value.equals("local-trunk");
            case "carrier" -> value.equals("local-carrier");
            case "state" -> value.matches("bound_tx|bound_rx|bound_trx");
            case "direction" -> value.matches("in|out");
            case "transport" -> value.matches("udp|tcp|tls");
            case "timer" -> value.matches("B|F|H|2xx");
            case "status" -> value.matches("[1-5][0-9][0-9]"); // admin API HTTP status: a code, not a count
            case "route" -> value.matches("/[a-z0-9/_{}.-]*|unmatched");
            case "command_status" -> value.matches("ESME_R[A-Z_]+|other");
            case "outcome" -> value.matches("ESME_R[A-Z_]+|[a-z][a-z_]{0,30}");
            // enum vocabularies of the code: lower-case words, which cannot carry a number or free text
            case "type", "reason", "kind", "op", "action", "leg", "result", "source", "cause", "field" ->
                    value.matches("[a-z][a-z_]{0,30}");
            default -> false;
        };
    }

    private static Set<String> exportedNames(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = TYPE_LINE.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static Set<String> dashboardMetricNames() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(OPS.resolve("grafana/maskgate-overview.json").toFile());
        assertEquals("DS_PROMETHEUS", dashboard.get("__inputs").get(0).get("name").asText());
        Set<String> names = new TreeSet<>();
        for (JsonNode expr : dashboard.findValues("expr")) {
            names.addAll(PromQl.metricNames(expr.asText()));
        }
        for (JsonNode ds : dashboard.findValues("datasource")) {
            if (ds.has("uid")) {
                assertEquals("${DS_PROMETHEUS}", ds.get("uid").asText());
            }
        }
        return names;
    }

    private static Set<String> alertMetricNames() throws IOException {
        Set<String> names = new TreeSet<>();
        for (Map<String, Object> rule : alertRules()) {
            names.addAll(PromQl.metricNames((String) rule.get("expr")));
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> alertRules() throws IOException {
        Object doc = new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(OPS.resolve("prometheus/maskgate-alerts.yml")));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) ((Map<String, Object>) doc).get("groups")) {
            rules.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return rules;
    }

    /** Debian's promtool, when present, checks the rule file as Prometheus would load it. */
    private static void promtoolCheckIfInstalled() throws IOException {
        Path promtool = Path.of("/usr/bin/promtool");
        if (!Files.isExecutable(promtool)) {
            return;
        }
        Process p = new ProcessBuilder(promtool.toString(), "check", "rules",
                OPS.resolve("prometheus/maskgate-alerts.yml").toString()).redirectErrorStream(true).start();
        try {
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "promtool did not finish");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static String scrape() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        gateway.adminUri().resolve("/metrics")).header("Authorization", "Bearer " + OPERATIONS_TOKEN)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }
}
