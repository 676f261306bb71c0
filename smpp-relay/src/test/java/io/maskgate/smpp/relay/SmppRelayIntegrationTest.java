package io.maskgate.smpp.relay;

import static io.maskgate.smpp.testing.RelayFixture.UNKNOWN_V;
import static io.maskgate.smpp.testing.RelayFixture.V;
import static io.maskgate.smpp.testing.RelayFixture.X;
import static io.maskgate.smpp.testing.RelayFixture.Y;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.core.rate.RateLimit;
import io.maskgate.smpp.message.Tlv;
import io.maskgate.smpp.metrics.SmppMetrics;
import io.maskgate.smpp.pdu.CommandStatus;
import io.maskgate.smpp.server.EsmeAccount;
import io.maskgate.smpp.server.EsmeAccounts;
import io.maskgate.smpp.testing.Bytes;
import io.maskgate.smpp.testing.EsmeClient;
import io.maskgate.smpp.testing.RecordingEsme;
import io.maskgate.smpp.testing.RelayFixture;
import io.maskgate.smpp.testing.SmscStandIn;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jsmpp.bean.Address;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCoding;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceIfPresentFlag;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** MO, receipts, DLT, flow control and shutdown between real jsmpp peers on 127.0.0.1. */
class SmppRelayIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private RelayFixture fx;
    private final List<AutoCloseable> esmes = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable e : esmes) {
            e.close();
        }
        if (fx != null) {
            fx.close();
        }
    }

    private void start(java.util.function.UnaryOperator<RelayFixture.Settings> configure) throws Exception {
        fx = new RelayFixture(configure);
        await().atMost(WAIT).until(() -> fx.smsc.boundSessions().size() == upstreamBinds(configure));
    }

    private static int upstreamBinds(java.util.function.UnaryOperator<RelayFixture.Settings> configure) {
        return configure.apply(new RelayFixture.Settings()).upstreamBinds;
    }

    private RecordingEsme esme(BindType type) throws Exception {
        RecordingEsme e = RecordingEsme.bind(fx.port(), type, "app", "app-pw");
        esmes.add(e);
        return e;
    }

    // ---- MO ---------------------------------------------------------------------------------

    @Test
    void moIsDeliveredFromProxyToTheRealCounterpartAndAckedAfterTheEsme() throws Exception {
        start(s -> s);
        RecordingEsme esme = esme(BindType.BIND_RX);

        int status = SmscStandIn.deliver(fx.smsc.boundSessions().get(0), Y, V, (byte) 0, ascii("on my way"));

        assertEquals(CommandStatus.ESME_ROK, status);
        assertEquals(1, esme.delivered().size());
        DeliverSm got = esme.delivered().get(0);
        assertEquals(V, got.getSourceAddr());
        assertEquals(X, got.getDestAddress());
        assertArrayEquals(ascii("on my way"), got.getShortMessage());
        assertFalse(Bytes.anyContains(esme.receivedPdus(), Y), "handset's real number reached the ESME");
        assertFalse(Bytes.anyContains(fx.smsc.receivedPdus(), X), "ESME user's real number reached the SMSC");
    }

    @Test
    void moWithNoEsmeBoundIsTransientSoTheSmscRetries() throws Exception {
        start(s -> s);
        assertEquals(CommandStatus.ESME_RX_T_APPN,
                SmscStandIn.deliver(fx.smsc.boundSessions().get(0), Y, V, (byte) 0, ascii("hello?")));
    }

    @Test
    void moToAProxyWithoutSessionIsRefusedPermanentlyAndNothingReachesTheEsme() throws Exception {
        start(s -> s);
        RecordingEsme esme = esme(BindType.BIND_TRX);
        assertEquals(CommandStatus.ESME_RINVDSTADR,
                SmscStandIn.deliver(fx.smsc.boundSessions().get(0), Y, UNKNOWN_V, (byte) 0, ascii("who")));
        assertEquals(CommandStatus.ESME_RINVDSTADR,
                SmscStandIn.deliver(fx.smsc.boundSessions().get(0), "919811111111", V, (byte) 0, ascii("who")));
        assertTrue(esme.delivered().isEmpty());
    }

    @Test
    void moEsmeRefusalIsPassedBackAndMoIsRoundRobinOverBinds() throws Exception {
        start(s -> s);
        RecordingEsme a = esme(BindType.BIND_TRX);
        RecordingEsme b = esme(BindType.BIND_RX);
        SMPPServerSession up = fx.smsc.boundSessions().get(0);
        for (int i = 0; i < 4; i++) {
            assertEquals(0, SmscStandIn.deliver(up, Y, V, (byte) 0, ascii("m" + i)));
        }
        assertEquals(2, a.delivered().size());
        assertEquals(2, b.delivered().size());

        a.answerDeliversWith(CommandStatus.ESME_RX_T_APPN);
        b.answerDeliversWith(CommandStatus.ESME_RX_T_APPN);
        assertEquals(CommandStatus.ESME_RX_T_APPN, SmscStandIn.deliver(up, Y, V, (byte) 0, ascii("later")));
    }

    // ---- receipts ---------------------------------------------------------------------------

    @Test
    void receiptOnAnotherUpstreamBindIsRewrittenToOurIdAndTheProxyOnly() throws Exception {
        start(s -> {
            s.upstreamBinds = 2;
            return s;
        });
        RecordingEsme esme = esme(BindType.BIND_TRX);
        String ours = submit(esme.session(), X, V, (byte) 0, (byte) 0, ascii("parcel at door"), 1);

        String upstreamId = fx.smsc.submitIds().get(0);
        SMPPServerSession submittedOn = fx.smsc.submitSessions().get(0);
        SMPPServerSession other = fx.smsc.boundSessions().stream().filter(x -> x != submittedOn).findFirst().orElseThrow();
        assertNotSame(submittedOn, other);
        int status = SmscStandIn.deliver(other, Y, V, (byte) 0x04, receiptText(upstreamId),
                new OptionalParameter.COctetString(Tlv.RECEIPTED_MESSAGE_ID, upstreamId),
                new OptionalParameter.Byte(Tlv.MESSAGE_STATE, (byte) 2),
                new OptionalParameter.COctetString((short) 0x0381, Y));

        assertEquals(CommandStatus.ESME_ROK, status);
        await().atMost(WAIT).until(() -> esme.delivered().size() == 1);
        DeliverSm receipt = esme.delivered().get(0);
        assertEquals(V, receipt.getSourceAddr());
        assertEquals(X, receipt.getDestAddress());
        assertEquals(0x04, receipt.getEsmClass());
        String text = new String(receipt.getShortMessage(), StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("id:" + ours + " sub:001"), text);
        assertEquals(ours, tlvText(receipt, Tlv.RECEIPTED_MESSAGE_ID));
        assertEquals(2, receipt.getOptionalParameters().length, "callback_num must be dropped");
        assertFalse(Bytes.anyContains(esme.receivedPdus(), Y), "handset's real number reached the ESME");
        assertFalse(esme.receivedPdus().stream().anyMatch(p -> Bytes.indexOf(p, ascii(upstreamId)) >= 0),
                "the upstream id reached the ESME");
        assertFalse(Bytes.anyContains(fx.smsc.receivedPdus(), X));
    }

    @Test
    void everyPartOfALongUcs2MessageGetsItsOwnMatchedReceipt() throws Exception {
        start(s -> s);
        RecordingEsme esme = esme(BindType.BIND_TRX);
        String hindi = "नमस्ते! आपका ऑर्डर रास्ते में है। डिलीवरी पार्टनर दस मिनट में पहुँचेगा। "
                + "कृपया दरवाज़े पर मिलें और ओटीपी साझा करें। धन्यवाद, आपका दिन शुभ हो!";
        List<byte[]> parts = udhParts(hindi.getBytes(StandardCharsets.UTF_16BE), 128, (byte) 0x2B);
        assertEquals(3, parts.size());
        List<String> ours = new ArrayList<>();
        for (byte[] part : parts) {
            ours.add(submit(esme.session(), X, V, (byte) 0x40, (byte) 0x08, part, 1));
        }
        assertEquals(3, fx.smsc.submits().size());
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            byte[] sm = fx.smsc.submits().get(i).getShortMessage();
            assertArrayEquals(parts.get(i), sm);
            assertEquals(0x08, fx.smsc.submits().get(i).getDataCoding());
            joined.append(new String(sm, 6, sm.length - 6, StandardCharsets.UTF_16BE));
        }
        assertEquals(hindi, joined.toString());

        List<String> upstreamIds = fx.smsc.submitIds();
        for (int i = 2; i >= 0; i--) {
            assertEquals(0, SmscStandIn.deliver(fx.smsc.boundSessions().get(0), Y, V, (byte) 0x04,
                    receiptText(upstreamIds.get(i))));
        }
        await().atMost(WAIT).until(() -> esme.delivered().size() == 3);
        List<String> receiptIds = esme.delivered().stream()
                .map(d -> new String(d.getShortMessage(), StandardCharsets.ISO_8859_1).split(" ")[0].substring(3))
                .toList();
        assertEquals(List.of(ours.get(2), ours.get(1), ours.get(0)), receiptIds);
        assertFalse(Bytes.anyContains(esme.receivedPdus(), Y));
        assertFalse(Bytes.anyContains(fx.smsc.receivedPdus(), X));
    }

    @Test
    void unknownReceiptIsAcknowledgedAndDroppedAndIsNeverRoutedAsMo() throws Exception {
        start(s -> s);
        RecordingEsme esme = esme(BindType.BIND_TRX);
        assertEquals(0, SmscStandIn.deliver(fx.smsc.boundSessions().get(0), Y, V, (byte) 0x04, receiptText("nope")));
        assertTrue(esme.delivered().isEmpty());
        assertEquals(1.0, fx.meters.get(SmppMetrics.DELIVERIES).tag("kind", "receipt").tag("outcome", "unmatched")
                .counter().count());
    }

    // ---- DLT --------------------------------------------------------------------------------

    @Test
    void dltIdentifiersAreRequiredWhenConfiguredAndCarriedThrough() throws Exception {
        start(s -> {
            s.relay = s.relay.mutate().dlt(new DltOptions((short) 0x1400, (short) 0x1401, Set.of("app"))).build();
            return s;
        });
        RecordingEsme esme = esme(BindType.BIND_TRX);
        OptionalParameter pe = new OptionalParameter.COctetString((short) 0x1400, "1101234567890123456");
        OptionalParameter template = new OptionalParameter.COctetString((short) 0x1401, "1107161234567890123");

        assertEquals(CommandStatus.ESME_RMISSINGOPTPARAM, refused(esme.session(), pe));
        assertEquals(CommandStatus.ESME_RINVOPTPARAMVAL,
                refused(esme.session(), pe, new OptionalParameter.OctetString((short) 0x1401, new byte[] {0})));
        assertTrue(fx.smsc.submits().isEmpty(), "nothing may go upstream without DLT ids");

        submitWithTlvs(esme.session(), pe, template);
        OptionalParameter[] relayed = fx.smsc.submits().get(0).getOptionalParameters();
        assertEquals(2, relayed.length);
        assertArrayEquals(pe.serialize(), relayed[0].serialize());
        assertArrayEquals(template.serialize(), relayed[1].serialize());
    }

    @Test
    void tlvsThatCanCarryANumberAreNotRelayedUpstream() throws Exception {
        start(s -> s);
        RecordingEsme esme = esme(BindType.BIND_TRX);
        submitWithTlvs(esme.session(), new OptionalParameter.COctetString((short) 0x0381, X),
                new OptionalParameter.COctetString((short) 0x0202, X));
        assertEquals(0, fx.smsc.submits().get(0).getOptionalParameters().length);
        assertFalse(Bytes.anyContains(fx.smsc.receivedPdus(), X));
    }

    @Test
    void operationsOtherThanSubmitSmAreRefusedAndNothingReachesTheSmsc() throws Exception {
        // each of these can carry a message or a number, and only submit_sm passes the masking decision
        start(s -> s);
        SMPPSession session = esme(BindType.BIND_TRX).session();
        TypeOfNumber intl = TypeOfNumber.INTERNATIONAL;
        NumberingPlanIndicator isdn = NumberingPlanIndicator.ISDN;
        List<org.junit.jupiter.api.function.Executable> others = List.of(
                () -> session.dataShortMessage(null, intl, isdn, X, intl, isdn, V, new ESMClass(0),
                        new RegisteredDelivery(0), dataCoding((byte) 0), new OptionalParameter.OctetString(
                                OptionalParameter.Tag.MESSAGE_PAYLOAD.code(), ascii("otp 1234"))),
                () -> session.submitMultiple(null, intl, isdn, X, new Address[] {new Address(intl, isdn, V)},
                        new ESMClass(0), (byte) 0, (byte) 0, null, null, new RegisteredDelivery(0),
                        ReplaceIfPresentFlag.DEFAULT, dataCoding((byte) 0), (byte) 0, ascii("otp 1234")),
                () -> session.queryShortMessage("1", intl, isdn, X),
                () -> session.replaceShortMessage("1", intl, isdn, X, null, null, new RegisteredDelivery(0), (byte) 0,
                        ascii("otp 1234")),
                () -> session.cancelShortMessage(null, "1", intl, isdn, X, intl, isdn, V));
        for (org.junit.jupiter.api.function.Executable other : others) {
            assertEquals(CommandStatus.ESME_RINVCMDID,
                    assertThrows(NegativeResponseException.class, other).getCommandStatus());
        }
        assertTrue(fx.smsc.submits().isEmpty());
        assertFalse(Bytes.anyContains(fx.smsc.receivedPdus(), X), "the ESME user's real number reached the SMSC");
        submitWithTlvs(session);
        assertEquals(1, fx.smsc.submits().size(), "the bind still relays a submit_sm after the refusals");
    }

    // ---- flow control -----------------------------------------------------------------------

    @Test
    void submitsBeyondTheAccountRateAreThrottledAndCounted() throws Exception {
        start(s -> {
            s.accounts = List.of(new EsmeAccount("app", EsmeAccounts.sha256Hex("app-pw"), 2, new RateLimit(1, 2)));
            return s;
        });
        RecordingEsme esme = esme(BindType.BIND_TRX);
        submit(esme.session(), X, V, (byte) 0, (byte) 0, ascii("1"), 0);
        submit(esme.session(), X, V, (byte) 0, (byte) 0, ascii("2"), 0);
        assertEquals(CommandStatus.ESME_RTHROTTLED, refused(esme.session()));
        assertEquals(2, fx.smsc.submits().size());
        assertEquals(1.0, fx.meters.get(SmppMetrics.THROTTLED).tag("system_id", "app").tag("reason", "rate")
                .counter().count());
    }

    /** Back-pressure towards the SMSC: beyond its TPS the ESME is throttled and the SMSC gets nothing more. */
    @Test
    void submitsBeyondTheUpstreamsRateAreThrottledAndNeverSent() throws Exception {
        start(s -> {
            s.upstreamRate = new RateLimit(1, 2);
            s.upstreamBinds = 2;
            return s;
        });
        RecordingEsme esme = esme(BindType.BIND_TRX);
        submit(esme.session(), X, V, (byte) 0, (byte) 0, ascii("1"), 0);
        submit(esme.session(), X, V, (byte) 0, (byte) 0, ascii("2"), 0);
        assertEquals(CommandStatus.ESME_RTHROTTLED, refused(esme.session()),
                "the third submit within the second, whichever of the SMSC's two binds it would take");
        assertEquals(2, fx.smsc.submits().size());
        assertEquals(1.0, fx.meters.get(SmppMetrics.THROTTLED).tag("system_id", "app").tag("reason", "upstream")
                .counter().count());
    }

    @Test
    void aSubmitBeyondTheBindWindowIsThrottledAtOnce() throws Exception {
        start(s -> {
            s.server = s.server.mutate().windowSize(2).build();
            return s;
        });
        RecordingEsme esme = esme(BindType.BIND_TRX);
        fx.smsc.hold();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> inWindow = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String text = "w" + i;
                inWindow.add(pool.submit(() -> submit(esme.session(), X, V, (byte) 0, (byte) 0, ascii(text), 0)));
            }
            await().atMost(WAIT).until(() -> fx.meters.get(SmppMetrics.WINDOW_IN_USE).tag("system_id", "app")
                    .gauge().value() == 2.0);

            assertEquals(CommandStatus.ESME_RTHROTTLED, refused(esme.session()));

            fx.smsc.release();
            for (Future<String> f : inWindow) {
                assertTrue(f.get().matches("[0-9a-f]{16}"));
            }
        } finally {
            fx.smsc.release();
            pool.shutdownNow();
        }
        assertEquals(1.0, fx.meters.get(SmppMetrics.THROTTLED).tag("system_id", "app").tag("reason", "window")
                .counter().count());
    }

    @Test
    void anEsmeThatDisconnectsMidWindowLosesNothingItWasAcknowledged() throws Exception {
        start(s -> s);
        fx.smsc.hold();
        List<Integer> acknowledged = new ArrayList<>();
        try (io.maskgate.smpp.testing.RawSmppClient raw = new io.maskgate.smpp.testing.RawSmppClient(fx.port())) {
            org.jsmpp.util.DefaultComposer composer = new org.jsmpp.util.DefaultComposer();
            raw.send(composer.bind(0x00000009, 1, "app", "app-pw", "", (byte) 0x34, (byte) 0, (byte) 0, null));
            assertEquals(0, raw.read().commandStatus());
            for (int seq = 2; seq < 12; seq++) {
                raw.send(composer.submitSm(seq, null, (byte) 1, (byte) 1, X, (byte) 1, (byte) 1, V, (byte) 0,
                        (byte) 0, (byte) 0, null, null, (byte) 0, (byte) 0, (byte) 0, (byte) 0, ascii("seq" + seq)));
            }
            await().atMost(WAIT).until(() -> fx.meters.get(SmppMetrics.WINDOW_IN_USE).tag("system_id", "app")
                    .gauge().value() == 10.0);
            fx.smsc.release();
            while (acknowledged.size() < 3) {
                io.maskgate.smpp.testing.RawSmppClient.Pdu resp = raw.read();
                if (resp.commandId() == 0x80000004 && resp.commandStatus() == 0) {
                    acknowledged.add(resp.sequenceNumber());
                }
            }
        } // abrupt close: the rest of the window is in flight
        List<String> upstreamTexts = fx.smsc.submits().stream()
                .map(s -> new String(s.getShortMessage(), StandardCharsets.US_ASCII)).toList();
        for (int seq : acknowledged) {
            assertTrue(upstreamTexts.contains("seq" + seq), "acknowledged seq " + seq + " never reached the SMSC");
        }
        RecordingEsme after = esme(BindType.BIND_TRX);
        submit(after.session(), X, V, (byte) 0, (byte) 0, ascii("still up"), 0);
    }

    // ---- binds, metrics, shutdown -------------------------------------------------------------

    @Test
    void aFullWindowOfPipelinedSubmitsIsAnsweredEachWithItsOwnId() throws Exception {
        start(s -> {
            s.server = s.server.mutate().windowSize(40).build();
            return s;
        });
        RecordingEsme esme = esme(BindType.BIND_TRX);
        fx.smsc.hold();
        ExecutorService pool = Executors.newFixedThreadPool(40);
        try {
            List<Future<String>> inWindow = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String text = "p" + i;
                inWindow.add(pool.submit(() -> submit(esme.session(), X, V, (byte) 0, (byte) 0, ascii(text), 0)));
            }
            // All 40 are with the relay at once: none holds a thread while the SMSC sits on them.
            await().atMost(WAIT).until(() -> fx.meters.get(SmppMetrics.WINDOW_IN_USE).tag("system_id", "app")
                    .gauge().value() == 40.0);
            fx.smsc.release();
            Set<String> ids = new java.util.HashSet<>();
            for (Future<String> f : inWindow) {
                ids.add(f.get());
            }
            assertEquals(40, ids.size());
            assertEquals(40, fx.smsc.submits().size());
        } finally {
            fx.smsc.release();
            pool.shutdownNow();
        }
    }

    @Test
    void anUpstreamThatDoesNotAnswerIsSystemErrorAfterTheResponseTimeoutAndTheBindStaysUsable() throws Exception {
        start(s -> s);
        RecordingEsme esme = esme(BindType.BIND_TRX);
        fx.smsc.hold();
        try {
            // RelayFixture's upstream response timeout is 3 s, below the ESME's own 5 s.
            assertEquals(CommandStatus.ESME_RSYSERR, refused(esme.session(), X, V));
            assertEquals(0.0, fx.meters.get(SmppMetrics.WINDOW_IN_USE).tag("system_id", "app").gauge().value());
        } finally {
            fx.smsc.release();
        }
        // The late submit_sm_resp of the timed-out submit is ignored; the next one is relayed.
        assertTrue(submit(esme.session(), X, V, (byte) 0, (byte) 0, ascii("again"), 0).matches("[0-9a-f]{16}"));
    }

    @Test
    void wrongPasswordIsRefusedAndCounted() throws Exception {
        start(s -> s);
        assertEquals(CommandStatus.ESME_RINVPASWD, EsmeClient.refusedBindStatus(fx.port(), BindType.BIND_TRX, "app", "nope"));
        assertEquals(1.0, fx.meters.get("maskgate_smpp_bind_failures_total").tag("reason", "wrong_password").counter().count());
    }

    @Test
    void pduAndUpstreamMetricsAreExported() throws Exception {
        start(s -> s);
        RecordingEsme esme = esme(BindType.BIND_TRX);
        submit(esme.session(), X, V, (byte) 0, (byte) 0, ascii("hi"), 0);
        refused(esme.session(), X, UNKNOWN_V);

        assertEquals(1.0, fx.meters.get(SmppMetrics.UPSTREAM_UP).tag("smsc", "stand-in").gauge().value());
        assertEquals(2.0, fx.meters.get(SmppMetrics.PDUS).tag("direction", "in").tag("type", "submit_sm")
                .tag("command_status", "ESME_ROK").counter().count());
        // The ESME can read a response before the relay's writer thread has counted it: wait for the count.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertEquals(1.0, fx.meters.get(SmppMetrics.PDUS)
                .tag("direction", "out").tag("type", "submit_sm_resp").tag("command_status", "ESME_RINVDSTADR")
                .counter().count()));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertEquals(1L, fx.meters.get(SmppMetrics.SUBMIT).tag("outcome", "ok").timer().count()));
        assertEquals(0.0, fx.meters.get(SmppMetrics.WINDOW_IN_USE).tag("system_id", "app").gauge().value());
    }

    @Test
    void closeUnbindsEsmesAndUpstreams() throws Exception {
        start(s -> s);
        RecordingEsme esme = esme(BindType.BIND_TRX);
        fx.relay.close();

        assertTrue(esme.receivedPdus().stream().anyMatch(p -> commandId(p) == 0x00000006), "ESME got no unbind");
        assertTrue(fx.smsc.receivedPdus().stream().anyMatch(p -> commandId(p) == 0x00000006), "SMSC got no unbind");
        await().atMost(WAIT).until(() -> !esme.session().getSessionState().isBound());
    }

    // ---- helpers ----------------------------------------------------------------------------

    static String submit(SMPPSession session, String source, String destination, byte esmClass, byte dataCoding,
            byte[] message, int registeredDelivery) throws Exception {
        return session.submitShortMessage(null, TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, source,
                TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, destination, new ESMClass(esmClass),
                (byte) 0, (byte) 0, null, null, new RegisteredDelivery(registeredDelivery), (byte) 0,
                dataCoding(dataCoding), (byte) 0, message).getMessageId();
    }

    private static void submitWithTlvs(SMPPSession session, OptionalParameter... tlvs) throws Exception {
        session.submitShortMessage(null, TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, X,
                TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, V, new ESMClass(0), (byte) 0, (byte) 0,
                null, null, new RegisteredDelivery(0), (byte) 0, dataCoding((byte) 0), (byte) 0, ascii("otp 1234"), tlvs);
    }

    private static int refused(SMPPSession session, OptionalParameter... tlvs) {
        return assertThrows(NegativeResponseException.class, () -> submitWithTlvs(session, tlvs)).getCommandStatus();
    }

    private static int refused(SMPPSession session, String source, String destination) {
        return assertThrows(NegativeResponseException.class,
                () -> submit(session, source, destination, (byte) 0, (byte) 0, ascii("x"), 0)).getCommandStatus();
    }

    private static String tlvText(DeliverSm d, short tag) {
        for (OptionalParameter p : d.getOptionalParameters()) {
            if (p.tag == tag) {
                byte[] wire = p.serialize();
                return new String(wire, 4, wire.length - 5, StandardCharsets.US_ASCII);
            }
        }
        throw new AssertionError("no TLV " + tag);
    }

    /** SMPP 3.4 Appendix B. */
    private static byte[] receiptText(String id) {
        return ascii("id:" + id + " sub:001 dlvrd:001 submit date:2501011200 done date:2501011201 stat:DELIVRD"
                + " err:000 Text:parcel at door");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static DataCoding dataCoding(byte value) {
        return () -> value;
    }

    private static int commandId(byte[] pdu) {
        return ((pdu[4] & 0xff) << 24) | ((pdu[5] & 0xff) << 16) | ((pdu[6] & 0xff) << 8) | (pdu[7] & 0xff);
    }

    /** 3GPP TS 23.040 section 9.2.3.24.1: UDH 05 00 03 ref total seq, then the part's octets. */
    private static List<byte[]> udhParts(byte[] content, int perPart, byte ref) {
        int total = (content.length + perPart - 1) / perPart;
        List<byte[]> parts = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            int from = i * perPart;
            int len = Math.min(perPart, content.length - from);
            byte[] part = new byte[6 + len];
            part[0] = 5;
            part[2] = 3;
            part[3] = ref;
            part[4] = (byte) total;
            part[5] = (byte) (i + 1);
            System.arraycopy(content, from, part, 6, len);
            parts.add(part);
        }
        return parts;
    }

}
