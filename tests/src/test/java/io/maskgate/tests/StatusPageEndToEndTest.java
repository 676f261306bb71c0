package io.maskgate.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.maskgate.testing.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.SMPPSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page as on-call sees it: the jar on the shipped conf (trunk pings off, so the trunk
 * stays up; the upstream SMSC moved to a closed port, so it is down), one SIP call and one SMS to a
 * proxy number in no session (two NO_SESSION refusals), then Debian's headless Chromium loads
 * {@code /status}, runs its script and dumps the DOM it drew. Also runs {@code bin/maskgatectl health}
 * against the same process.
 */
class StatusPageEndToEndTest {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final Path MASKGATECTL = Path.of(System.getProperty("maskgate.conf", "../conf")).resolve("../bin/maskgatectl");
    private static final String CUSTOMER = "+919812345678";
    /** A proxy number in no session (and in no pool). */
    private static final String UNKNOWN_PROXY = "+918099999999";
    private static final Duration CHROMIUM_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    static Path work;

    private static GatewayProcess gateway;

    @BeforeAll
    static void start() throws Exception {
        Path conf = ShippedConf.load().anyAdminPort().anySmppPort().anySipPort().sipTrunkPort(FreePorts.tcpAndUdp())
                .sipTrunkPingsOff().smppUpstreamPort(FreePorts.tcpAndUdp()).writeTo(work);
        gateway = GatewayProcess.start(conf, work);
        GatewayAdmin admin = new GatewayAdmin(gateway);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> admin.get("/health/ready").statusCode() == 200);
        try (Sipp carrier = Sipp.uac(work.resolve("nosession/uac"), "uac-refused-404.xml", gateway.sipUdpPort(),
                UNKNOWN_PROXY, CUSTOMER)) {
            carrier.assertPassed();
        }
        smsToUnknownProxy(gateway.smppPort());
    }

    @AfterAll
    static void stop() throws Exception {
        Teardown.closeAll(gateway);
    }

    @Test
    void headlessChromiumShowsHealthTrunksUpstreamsAndTheRefusalCount() throws Exception {
        String dom = dumpDom(gateway.adminUri().resolve("/status").toString());

        assertTrue(openTag(dom, "span", "id=\"updated\"").contains("data-loaded=\"true\""), "the script ran: " + dom);
        assertTrue(openTag(dom, "span", "id=\"health\"").contains("data-state=\"ready\""), dom);
        assertTrue(openTag(dom, "li", "data-trunk=\"local-trunk\"").contains("data-state=\"up\""), dom);
        assertTrue(dom.contains("data-carrier=\"local-carrier\""), dom);
        assertTrue(openTag(dom, "li", "data-upstream=\"local-smsc\"").contains("data-state=\"down\""), dom);
        assertTrue(openTag(dom, "li", "data-check=\"audit_log\"").contains("data-state=\"up\""), dom);
        assertTrue(openTag(dom, "li", "data-reason=\"no_session\"").contains("data-count=\"2\""), dom);
        assertTrue(dom.contains("id=\"refusals-total\" class=\"big\">2<")
                || dom.contains("class=\"big\" id=\"refusals-total\">2<"), dom);
        assertFalse(dom.contains("9812345678") || dom.contains("8099999999"), "a number on the status page");
    }

    @Test
    void maskgatectlHealthSummarisesTheSameProcess() throws Exception {
        Process p = new ProcessBuilder("sh", MASKGATECTL.toString(), "health", "--url", gateway.adminUri().toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "maskgatectl did not exit");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.startsWith("READY"), out);
        assertTrue(out.contains("sip trunks:     local-trunk up"), out);
        assertTrue(out.contains("sip carriers:   local-carrier=0"), out);
        assertTrue(out.contains("smpp upstreams: local-smsc down"), out);
        assertTrue(out.contains("refusals (15 min): no_session 2"), out);
    }

    /** The opening tag of the first {@code <tag ...>} holding {@code attribute}, whatever the attribute order. */
    private static String openTag(String dom, String tag, String attribute) {
        Matcher m = Pattern.compile("<" + tag + "\\b[^>]*" + Pattern.quote(attribute) + "[^>]*>").matcher(dom);
        if (!m.find()) {
            fail("no <" + tag + " " + attribute + "> in the page:\n" + dom);
        }
        return m.group();
    }

    private static String dumpDom(String url) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(Path.of(CHROMIUM)), "Debian's chromium is not installed at " + CHROMIUM);
        Path profile = Files.createDirectories(work.resolve("chromium-profile"));
        Path out = work.resolve("chromium.out");
        Path err = work.resolve("chromium.err");
        Process p = new ProcessBuilder(List.of(CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + profile, "--virtual-time-budget=5000", "--dump-dom", url))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(CHROMIUM_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not exit in " + CHROMIUM_TIMEOUT + ":\n" + Files.readString(err));
        }
        String dom = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), Files.readString(err));
        return dom;
    }

    /** One submit_sm to a proxy number in no session: refused with ESME_RINVDSTADR. */
    private static void smsToUnknownProxy(int port) throws Exception {
        SMPPSession esme = QuickStartEsme.bind(port);
        try {
            QuickStartEsme.submit(esme, CUSTOMER, UNKNOWN_PROXY, "hello");
            fail("a submit_sm to a proxy in no session was accepted");
        } catch (NegativeResponseException expected) {
            assertEquals(0x0B, expected.getCommandStatus());
        } finally {
            esme.unbindAndClose();
        }
    }
}
