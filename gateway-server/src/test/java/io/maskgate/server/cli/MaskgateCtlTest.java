package io.maskgate.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.maskgate.server.Gateway;
import io.maskgate.server.TestConfs;
import io.maskgate.server.config.ConfigLoader;
import io.maskgate.testing.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * maskgatectl in-process against an in-process gateway (memory store, SMPP on with its upstream
 * down, so one refused SMS gives the health summary and the audit log something to show).
 */
class MaskgateCtlTest {

    private static final String CUSTOMER = "+919812345678";
    private static final String RIDER = "+919876543210";
    private static final Pattern SESSION_ID = Pattern.compile("\"sessionId\" : \"([^\"]+)\"");

    @TempDir
    static Path dir;

    private static Gateway gateway;
    private static String url;
    private static Path provisioning;
    private static Path operations;

    @BeforeAll
    static void start() throws Exception {
        String yaml = TestConfs.withSmpp(TestConfs.yaml(dir, ""), dir, FreePorts.tcpAndUdp());
        gateway = Gateway.start(ConfigLoader.parse("t", yaml).config());
        url = "http://127.0.0.1:" + gateway.adminPort();
        provisioning = Files.writeString(dir.resolve("prov.token"), TestConfs.PROVISIONING_TOKEN + "\n");
        operations = Files.writeString(dir.resolve("ops.token"), TestConfs.OPERATIONS_TOKEN + "\n");
        refusedSms();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void sessionCreateGetCloseShowsMaskedNumbersOnly() {
        Ctl.Result created = Ctl.run("session", "create", "--url", url, "--token-file", provisioning.toString(),
                "--purpose", "delivery", "--reference", "order-1", "--participant", "cust-1=" + CUSTOMER,
                "--participant", "rider-1=" + RIDER);
        assertEquals(0, created.exitCode(), created.toString());
        Matcher m = SESSION_ID.matcher(created.out());
        assertTrue(m.find(), created.toString());
        String id = m.group(1);
        assertTrue(created.out().contains("\"proxyNumber\" : \"+918000000"), created.toString());

        Ctl.Result got = Ctl.run("session", "get", id, "--url", url, "--token-file", provisioning.toString());
        assertEquals(0, got.exitCode(), got.toString());
        assertTrue(got.out().contains("order-1") && got.out().contains("cust-1"), got.toString());
        assertFalse(got.out().contains(CUSTOMER) || got.out().contains(RIDER), got.toString());
        assertFalse(got.out().contains("98123456") || got.out().contains("98765432"), got.toString());

        Ctl.Result closed = Ctl.run("session", "close", id, "--url", url, "--token-file", provisioning.toString());
        assertEquals(0, closed.exitCode(), closed.toString());
        assertEquals("closed " + id, closed.out().strip());

        // A closed session no longer routes; GET still shows it, closed, for the closed retention.
        Ctl.Result after = Ctl.run("session", "get", id, "--url", url, "--token-file", provisioning.toString());
        assertEquals(0, after.exitCode(), after.toString());
        assertTrue(after.out().contains("\"status\" : \"closed\"") && after.out().contains("\"closeReason\" : \"api\""),
                after.toString());
        assertFalse(after.out().contains(CUSTOMER) || after.out().contains(RIDER), after.toString());
    }

    @Test
    void sessionCreateTakesTheRequestFromAFileSoNoNumberIsAnArgument() throws IOException {
        Path request = Files.writeString(dir.resolve("request.json"), "{\"purpose\":\"delivery\",\"participants\":["
                + "{\"id\":\"cust-2\",\"number\":\"" + CUSTOMER + "\"},{\"id\":\"rider-2\",\"number\":\"" + RIDER + "\"}]}");
        Ctl.Result created = Ctl.run("session", "create", "--url", url, "--token-file", provisioning.toString(),
                "--request", request.toString());
        assertEquals(0, created.exitCode(), created.toString());
        assertTrue(SESSION_ID.matcher(created.out()).find(), created.toString());

        Ctl.Result both = Ctl.run("session", "create", "--url", url, "--request", request.toString(), "--purpose", "x",
                "--participant", "a=1", "--participant", "b=2");
        assertEquals(ExitCodes.USAGE, both.exitCode(), both.toString());
    }

    @Test
    void theTokenMayComeFromTheEnvironmentAndNoTokenIsRefused() {
        Ctl.Result withEnv = Ctl.run(Map.of(AdminOptions.TOKEN_ENV, TestConfs.PROVISIONING_TOKEN),
                "session", "get", "00000000-AAAAAAAAAAAAAAAAAAAAAA", "--url", url);
        assertEquals(1, withEnv.exitCode(), withEnv.toString());
        assertTrue(withEnv.err().contains("HTTP 404"), withEnv.toString());

        Ctl.Result without = Ctl.run("session", "get", "00000000-AAAAAAAAAAAAAAAAAAAAAA", "--url", url);
        assertEquals(1, without.exitCode(), without.toString());
        assertTrue(without.err().contains("HTTP 401") && without.err().contains(AdminOptions.TOKEN_ENV), without.toString());
    }

    @Test
    void thereIsNoTokenOption() {
        Ctl.Result r = Ctl.run("pools", "--url", url, "--token", TestConfs.OPERATIONS_TOKEN);
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("Unknown option"), r.toString());
    }

    @Test
    void poolsShowsSizesSessionsAndNumbersInUse() {
        Ctl.Result created = Ctl.run("session", "create", "--url", url, "--token-file", provisioning.toString(),
                "--purpose", "support", "--pool", "tiny", "--participant", "cust-9=" + CUSTOMER,
                "--participant", "agent-9=" + RIDER);
        assertEquals(0, created.exitCode(), created.toString());

        Ctl.Result pools = Ctl.run("pools", "--url", url, "--token-file", operations.toString());
        assertEquals(0, pools.exitCode(), pools.toString());
        assertTrue(pools.out().lines().anyMatch(l -> l.matches("default\\s+1000\\s+\\d+\\s+\\d+\\s+\\d+")), pools.toString());
        assertTrue(pools.out().lines().anyMatch(l -> l.matches("tiny\\s+1\\s+1\\s+1\\s+0")), pools.toString());

        Ctl.Result wrongRole = Ctl.run("pools", "--url", url, "--token-file", provisioning.toString());
        assertEquals(1, wrongRole.exitCode(), wrongRole.toString());
        assertTrue(wrongRole.err().contains("HTTP 403"), wrongRole.toString());
    }

    @Test
    void healthSummarisesReadinessLinksAndRefusals() {
        Ctl.Result r = Ctl.run("health", "--url", url);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().startsWith("READY"), r.toString());
        assertTrue(r.out().contains("smpp upstreams: stand-in down"), r.toString());
        assertTrue(r.out().contains("sip trunks:     SIP off"), r.toString());
        assertTrue(r.out().contains("refusals (15 min): no_session 1"), r.toString());
    }

    @Test
    void healthOfAnAdminApiThatDoesNotAnswerExitsTwo() throws IOException {
        Ctl.Result r = Ctl.run("health", "--url", "http://127.0.0.1:" + FreePorts.tcpAndUdp(), "--timeout-ms", "2000");
        assertEquals(ExitCodes.UNREACHABLE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("did not answer"), r.toString());
    }

    @Test
    void confValidateAcceptsAGoodFileAndNamesTheKeyOfABadOne() throws IOException {
        Path good = Files.writeString(dir.resolve("good.yaml"), TestConfs.yaml(dir, ""));
        Ctl.Result ok = Ctl.run("conf", "validate", good.toString());
        assertEquals(0, ok.exitCode(), ok.toString());
        assertTrue(ok.out().contains("is valid"), ok.toString());

        Path bad = Files.writeString(dir.resolve("bad.yaml"),
                TestConfs.replaceOnce(TestConfs.yaml(dir, ""), "maxBodyBytes: 65536", "maxBodyBytes: 5"));
        Ctl.Result invalid = Ctl.run("conf", "validate", bad.toString());
        assertEquals(1, invalid.exitCode(), invalid.toString());
        assertTrue(invalid.err().contains("admin.maxBodyBytes"), invalid.toString());
    }

    @Test
    void keystoreInitThenListInATempDirAndInitRefusesToOverwrite(@TempDir Path keys) {
        Map<String, String> env = Map.of("KS_PASS", "a-long-test-password");
        String file = keys.resolve("k.bcfks").toString();
        Ctl.Result init = Ctl.run(env, "keystore", "init", "--file", file, "--password-env", "KS_PASS");
        assertEquals(0, init.exitCode(), init.toString());
        assertTrue(Files.isRegularFile(Path.of(file)));

        Ctl.Result list = Ctl.run(env, "keystore", "list", "--file", file, "--password-env", "KS_PASS");
        assertEquals(0, list.exitCode(), list.toString());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("data") && l.contains("(current)")), list.toString());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("index")), list.toString());

        Ctl.Result again = Ctl.run(env, "keystore", "init", "--file", file, "--password-env", "KS_PASS");
        assertEquals(1, again.exitCode(), again.toString());

        Ctl.Result rotated = Ctl.run(env, "keystore", "rotate", "--file", file, "--password-env", "KS_PASS");
        assertEquals(0, rotated.exitCode(), rotated.toString());
        assertTrue(rotated.out().contains("added data key 2"), rotated.toString());
    }

    @Test
    void auditVerifyPassesOnTheLogOfAStoppedGatewayAndFailsOnAnEditedOne(@TempDir Path own) throws Exception {
        String yaml = TestConfs.withSmpp(TestConfs.yaml(own, ""), own, FreePorts.tcpAndUdp());
        Path log = own.resolve("audit/decisions.log");
        try (Gateway g = Gateway.start(ConfigLoader.parse("t", yaml).config())) {
            submitToUnknownProxy(g.smppPort().orElseThrow());
        }
        String[] args = {"audit", "verify", "--log", log.toString(), "--keys", own.resolve("keys/maskgate.bcfks").toString(),
                "--password-file", own.resolve("keystore.pass").toString()};
        Ctl.Result ok = Ctl.run(args);
        assertEquals(0, ok.exitCode(), ok.toString());
        assertTrue(ok.out().startsWith("OK ") && ok.out().contains("1 records"), ok.toString());

        String text = Files.readString(log, StandardCharsets.UTF_8);
        Files.writeString(log, text.replace("no_session", "consent_denied"), StandardCharsets.UTF_8);
        assertFalse(text.equals(Files.readString(log, StandardCharsets.UTF_8)), "the log names the refusal reason");
        Ctl.Result broken = Ctl.run(args);
        assertEquals(1, broken.exitCode(), broken.toString());
        assertTrue(broken.err().contains("BROKEN"), broken.toString());
    }

    @Test
    void everyCommandHasHelpWithADescription() {
        List<List<String>> commands = List.of(List.of(), List.of("session"), List.of("session", "create"),
                List.of("session", "get"), List.of("session", "close"), List.of("pools"), List.of("keystore"),
                List.of("keystore", "init"), List.of("keystore", "rotate"), List.of("keystore", "list"),
                List.of("audit"), List.of("audit", "verify"), List.of("audit", "export"), List.of("conf"),
                List.of("conf", "validate"), List.of("health"));
        for (List<String> command : commands) {
            String[] args = new java.util.ArrayList<>(command) {{ add("--help"); }}.toArray(String[]::new);
            Ctl.Result r = Ctl.run(args);
            assertEquals(0, r.exitCode(), command + ": " + r);
            String usage = "Usage: maskgatectl" + (command.isEmpty() ? "" : " " + String.join(" ", command));
            assertTrue(r.out().startsWith(usage), command + ": " + r);
            // a description line after the synopsis
            assertTrue(r.out().lines().skip(1).anyMatch(l -> l.length() > 20 && !l.strip().startsWith("-")),
                    command + ": " + r);
        }
        Ctl.Result root = Ctl.run("--help");
        assertTrue(root.out().contains("Exit codes:") && root.out().contains("admin API unreachable"), root.toString());
        Ctl.Result health = Ctl.run("health", "--help");
        assertTrue(health.out().contains("Exit codes:") && health.out().lines().anyMatch(l -> l.matches("\\s*1\\s+not ready")), health.toString());
    }

    @Test
    void aBadCommandLineExits64() {
        Ctl.Result r = Ctl.run("sessions");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        Ctl.Result missing = Ctl.run("session", "create", "--url", url, "--purpose", "x");
        assertEquals(ExitCodes.USAGE, missing.exitCode(), missing.toString());
    }

    private static void refusedSms() throws Exception {
        submitToUnknownProxy(gateway.smppPort().orElseThrow());
    }

    /** One submit_sm to a proxy number in no session: refused (NO_SESSION) with a negative response. */
    private static void submitToUnknownProxy(int port) throws Exception {
        SMPPSession esme = new SMPPSession();
        esme.setTransactionTimer(5_000);
        esme.connectAndBind("127.0.0.1", port, new BindParameter(BindType.BIND_TRX, TestConfs.ESME_SYSTEM_ID,
                TestConfs.ESME_PASSWORD, "", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), 5_000);
        try {
            esme.submitShortMessage(null, TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, CUSTOMER.substring(1),
                    TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "918099999999", new ESMClass(), (byte) 0,
                    (byte) 0, null, null, new RegisteredDelivery(0), (byte) 0, new GeneralDataCoding(), (byte) 0,
                    "hello".getBytes(StandardCharsets.ISO_8859_1));
            fail("a submit_sm to a proxy in no session was accepted");
        } catch (NegativeResponseException expected) {
            // ESME_RINVDSTADR: the refusal this test wants on record
        } finally {
            esme.unbindAndClose();
        }
    }
}
