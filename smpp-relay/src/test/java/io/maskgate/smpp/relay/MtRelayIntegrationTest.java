package io.maskgate.smpp.relay;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.core.number.NumberNormalizer;
import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.pool.NumberPool;
import io.maskgate.core.pool.NumberPools;
import io.maskgate.core.routing.AllowAllConsent;
import io.maskgate.core.routing.ConsentGate;
import io.maskgate.core.routing.ConsentVerdict;
import io.maskgate.core.routing.Router;
import io.maskgate.core.session.Participant;
import io.maskgate.core.session.SessionRequest;
import io.maskgate.core.session.memory.InMemorySessionStore;
import io.maskgate.keystore.KeyRing;
import io.maskgate.smpp.message.SmppAddress;
import io.maskgate.smpp.pdu.CommandStatus;
import io.maskgate.smpp.server.EsmeAccount;
import io.maskgate.smpp.server.EsmeAccounts;
import io.maskgate.smpp.server.SmppServerOptions;
import io.maskgate.smpp.testing.EsmeClient;
import io.maskgate.smpp.testing.SmscStandIn;
import io.maskgate.smpp.SmppRelay;
import io.maskgate.smpp.receipt.InMemoryMessageIdStore;
import io.maskgate.smpp.upstream.UpstreamOptions;
import io.maskgate.smpp.upstream.UpstreamSmsc;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCoding;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.SMPPSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MT relay between real peers on 127.0.0.1: a jsmpp ESME binds to our server face; our client
 * face binds to {@link SmscStandIn}; routing is the real {@link Router} on an in-memory store.
 */
class MtRelayIntegrationTest {
    private static final String ESME_X = "919812345001";
    private static final String COUNTERPART_Y = "919812345002";
    private static final String PROXY_V = "919800000100";
    private static final String OTHER_PROXY = "919800000999";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicReference<ConsentGate> consent = new AtomicReference<>(new AllowAllConsent());
    private SmscStandIn smsc;
    private SmppRelay relay;
    private InMemorySessionStore store;
    private SMPPSession esme;

    @BeforeEach
    void start() throws Exception {
        smsc = SmscStandIn.start("gw", "upsecret");
        store = new InMemorySessionStore(NumberPools.of(new NumberPool("sms", List.of(PhoneNumber.ofE164("+" + PROXY_V)))),
                KeyRing.forTesting(new SecureRandom()), Clock.systemUTC());
        store.create(new SessionRequest("delivery", Duration.ofHours(1), "order-1", "sms",
                new Participant("rider-1", PhoneNumber.ofE164("+" + ESME_X)),
                new Participant("customer-1", PhoneNumber.ofE164("+" + COUNTERPART_Y)))).get();
        NumberNormalizer normalizer = new NumberNormalizer("91");
        ConsentGate gate = (subject, purpose, channel) -> consent.get().check(subject, purpose, channel);
        relay = SmppRelay.builder()
                .serverOptions(SmppServerOptions.builder().listenPort(0).build())
                .upstreamOptions(UpstreamOptions.builder()
                        .smscs(List.of(new UpstreamSmsc("stand-in", "127.0.0.1", smsc.port(), "gw", () -> "upsecret", "")))
                        .reconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(500))
                        .responseTimeout(Duration.ofSeconds(2))
                        .build())
                .accounts(EsmeAccounts.of(List.of(new EsmeAccount("app", EsmeAccounts.sha256Hex("app-pw"), 2))))
                .router(new Router(normalizer, store, gate, meters))
                .messageIdStore(new InMemoryMessageIdStore(Clock.systemUTC(), Duration.ofHours(1), 1000))
                .meterRegistry(meters)
                .build();
        relay.start();
        await().atMost(Duration.ofSeconds(5)).until(relay::isUpstreamHealthy);
        esme = EsmeClient.bind(relay.localPort(), BindType.BIND_TRX, "app", "app-pw");
    }

    @AfterEach
    void stop() throws Exception {
        esme.unbindAndClose();
        relay.close();
        smsc.close();
        store.close();
    }

    @Test
    void relaysWithProxyAsSourceAndCounterpartAsDestination() throws Exception {
        String ours = submit(ESME_X, PROXY_V, (byte) 0, (byte) 0, "hello".getBytes(StandardCharsets.US_ASCII));

        assertTrue(ours.matches("[0-9a-f]{16}"), ours);
        assertEquals(1, smsc.submits().size());
        SubmitSm relayed = smsc.submits().get(0);
        assertEquals(PROXY_V, relayed.getSourceAddr());
        assertEquals(1, relayed.getSourceAddrTon());
        assertEquals(1, relayed.getSourceAddrNpi());
        assertEquals(COUNTERPART_Y, relayed.getDestAddress());
        assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), relayed.getShortMessage());
        assertNotEquals("up-1", ours);
        assertNoRealSourceNumberReachedTheSmsc();
    }

    @Test
    void unknownProxyIsRefusedWithInvalidDestinationAndNothingGoesUpstream() {
        int status = refusedStatus(ESME_X, OTHER_PROXY);
        assertEquals(CommandStatus.ESME_RINVDSTADR, status);
        assertTrue(smsc.submits().isEmpty());
        assertFalse(smsc.receivedPdus().stream().anyMatch(pdu -> commandId(pdu) == 0x00000004));
    }

    @Test
    void invalidSourceIsRefusedWithInvalidSourceAddress() {
        assertEquals(CommandStatus.ESME_RINVSRCADR, refusedStatus("12", PROXY_V));
        assertEquals(CommandStatus.ESME_RINVDSTADR, refusedStatus(ESME_X, "12"));
        assertTrue(smsc.submits().isEmpty());
    }

    @Test
    void consentDeniedIsSubmitFailAndUnavailableIsSystemError() {
        consent.set((subject, purpose, channel) -> CompletableFuture.completedFuture(ConsentVerdict.denied("d-1")));
        assertEquals(CommandStatus.ESME_RSUBMITFAIL, refusedStatus(ESME_X, PROXY_V));
        consent.set((subject, purpose, channel) -> CompletableFuture.completedFuture(ConsentVerdict.unavailable()));
        assertEquals(CommandStatus.ESME_RSYSERR, refusedStatus(ESME_X, PROXY_V));
        assertTrue(smsc.submits().isEmpty());
    }

    @Test
    void aSubmitWaitingOnASlowUpstreamIsRefusedWhenConsentIsRevoked() throws Exception {
        smsc.hold();
        try {
            CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> {
                try {
                    submit(ESME_X, PROXY_V, (byte) 0, (byte) 0, "late".getBytes(StandardCharsets.US_ASCII));
                    return 0;
                } catch (NegativeResponseException e) {
                    return e.getCommandStatus();
                } catch (Exception e) {
                    return -1;
                }
            });
            // the submit_sm reached the SMSC, which holds its answer
            await().atMost(Duration.ofSeconds(5)).until(() -> smsc.receivedPdus().stream()
                    .anyMatch(pdu -> pdu.length >= 8 && pdu[4] == 0 && pdu[5] == 0 && pdu[6] == 0 && pdu[7] == 4));
            assertEquals(0, relay.refusePending(p -> p.involves("someone-else")));
            assertFalse(status.isDone(), "the ESME still waits for the slow upstream");

            assertEquals(1, relay.refusePending(p -> p.purpose().equals("delivery") && p.involves("customer-1")));

            assertEquals(CommandStatus.ESME_RSUBMITFAIL, status.get(1, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            smsc.release();
        }
        // the SMSC's late answer changes nothing, and the next submit (consent still granted here) goes through
        submit(ESME_X, PROXY_V, (byte) 0, (byte) 0, "next".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void upstreamDownIsSystemError() throws Exception {
        smsc.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> !relay.isUpstreamHealthy());

        assertEquals(CommandStatus.ESME_RSYSERR, refusedStatus(ESME_X, PROXY_V));
    }

    @Test
    void upstreamReconnectsWhenTheSmscComesBack() throws Exception {
        int port = smsc.port();
        smsc.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> !relay.isUpstreamHealthy());
        smsc = SmscStandIn.startOn(port, "gw", "upsecret");
        await().atMost(Duration.ofSeconds(5)).until(relay::isUpstreamHealthy);

        submit(ESME_X, PROXY_V, (byte) 0, (byte) 0, "back".getBytes(StandardCharsets.US_ASCII));
        assertEquals(1, smsc.submits().size());
    }

    @Test
    void upstreamErrorsAreMapped() {
        smsc.answerSubmitsWith(CommandStatus.ESME_RTHROTTLED);
        assertEquals(CommandStatus.ESME_RTHROTTLED, refusedStatus(ESME_X, PROXY_V));
        smsc.answerSubmitsWith(CommandStatus.ESME_RINVSRCADR);
        assertEquals(CommandStatus.ESME_RSYSERR, refusedStatus(ESME_X, PROXY_V));
        smsc.answerSubmitsWith(0x00000061);
        assertEquals(CommandStatus.ESME_RSUBMITFAIL, refusedStatus(ESME_X, PROXY_V));
    }

    @Test
    void longUcs2HindiMessageInThreeUdhPartsArrivesWhole() throws Exception {
        String hindi = "नमस्ते! आपका ऑर्डर रास्ते में है। डिलीवरी पार्टनर दस मिनट में पहुँचेगा। "
                + "कृपया दरवाज़े पर मिलें और ओटीपी साझा करें। धन्यवाद, आपका दिन शुभ हो!";
        byte[] ucs2 = hindi.getBytes(StandardCharsets.UTF_16BE);
        List<byte[]> parts = udhParts(ucs2, 134 - 6, (byte) 0x2A);
        assertEquals(3, parts.size());

        for (byte[] part : parts) {
            submit(ESME_X, PROXY_V, (byte) 0x40, (byte) 0x08, part);
        }

        List<SubmitSm> got = smsc.submits();
        assertEquals(3, got.size());
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(parts.get(i), got.get(i).getShortMessage(), "part " + (i + 1));
            assertEquals(0x40, got.get(i).getEsmClass());
            assertEquals(0x08, got.get(i).getDataCoding());
            byte[] sm = got.get(i).getShortMessage();
            text.write(sm, 6, sm.length - 6);
        }
        assertEquals(hindi, text.toString(StandardCharsets.UTF_16BE));
        assertNoRealSourceNumberReachedTheSmsc();
    }

    @Test
    void messagePayloadAndSarTlvsPassThroughByteForByte() throws Exception {
        byte[] payload = "x".repeat(400).getBytes(StandardCharsets.US_ASCII);
        OptionalParameter[] tlvs = {
            new OptionalParameter.OctetString((short) 0x0424, payload),
            new OptionalParameter.Short((short) 0x020C, (short) 0x1234),
            new OptionalParameter.Byte((short) 0x020E, (byte) 2),
            new OptionalParameter.Byte((short) 0x020F, (byte) 1),
            new OptionalParameter.OctetString((short) 0x1401, new byte[] {1, 2, 3}),
        };
        esme.submitShortMessage(null, TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, ESME_X,
                TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, PROXY_V, new ESMClass(0), (byte) 0, (byte) 0,
                null, null, new RegisteredDelivery(1), (byte) 0, dataCoding((byte) 0), (byte) 0, new byte[0], tlvs);

        SubmitSm relayed = smsc.submits().get(0);
        assertEquals(1, relayed.getRegisteredDelivery());
        List<byte[]> sent = Arrays.stream(tlvs).map(OptionalParameter::serialize).toList();
        List<byte[]> got = Arrays.stream(relayed.getOptionalParameters()).map(OptionalParameter::serialize).toList();
        assertEquals(sent.size(), got.size());
        for (int i = 0; i < sent.size(); i++) {
            assertArrayEquals(sent.get(i), got.get(i), "TLV " + i);
        }
        assertNoRealSourceNumberReachedTheSmsc();
    }

    @Test
    void smppAddressToStringMasksTheNumber() {
        String shown = SmppAddress.international(ESME_X).toString();
        assertFalse(shown.contains(ESME_X));
        assertFalse(shown.contains(ESME_X.substring(2)));
    }

    /** Byte-level: no spelling of the ESME's real number (+91..., 91..., 10 digits) in anything the SMSC got. */
    private void assertNoRealSourceNumberReachedTheSmsc() {
        List<byte[]> spellings = List.of(("+" + ESME_X).getBytes(StandardCharsets.US_ASCII),
                ESME_X.getBytes(StandardCharsets.US_ASCII),
                ESME_X.substring(2).getBytes(StandardCharsets.US_ASCII),
                ("+" + ESME_X).getBytes(StandardCharsets.UTF_16BE),
                ESME_X.substring(2).getBytes(StandardCharsets.UTF_16BE));
        List<byte[]> received = smsc.receivedPdus();
        assertFalse(received.isEmpty());
        for (byte[] pdu : received) {
            for (byte[] spelling : spellings) {
                assertEquals(-1, indexOf(pdu, spelling), "real source number found in a PDU the SMSC received");
            }
        }
    }

    private String submit(String source, String destination, byte esmClass, byte dataCoding, byte[] message)
            throws Exception {
        return esme.submitShortMessage(null, TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, source,
                TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, destination, new ESMClass(esmClass),
                (byte) 0, (byte) 0, null, null, new RegisteredDelivery(0), (byte) 0, dataCoding(dataCoding), (byte) 0,
                message).getMessageId();
    }

    private int refusedStatus(String source, String destination) {
        NegativeResponseException e = assertThrows(NegativeResponseException.class,
                () -> submit(source, destination, (byte) 0, (byte) 0, "hi".getBytes(StandardCharsets.US_ASCII)));
        return e.getCommandStatus();
    }

    private static DataCoding dataCoding(byte value) {
        return () -> value;
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
            part[1] = 0;
            part[2] = 3;
            part[3] = ref;
            part[4] = (byte) total;
            part[5] = (byte) (i + 1);
            System.arraycopy(content, from, part, 6, len);
            parts.add(part);
        }
        return parts;
    }

    private static int commandId(byte[] pdu) {
        return ((pdu[4] & 0xff) << 24) | ((pdu[5] & 0xff) << 16) | ((pdu[6] & 0xff) << 8) | (pdu[7] & 0xff);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
