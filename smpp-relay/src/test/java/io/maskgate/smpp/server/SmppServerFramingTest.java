package io.maskgate.smpp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.smpp.pdu.CommandStatus;
import io.maskgate.smpp.testing.HexPdus;
import io.maskgate.smpp.testing.RawSmppClient;
import io.maskgate.smpp.testing.RawSmppClient.Pdu;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The length cap and body check in front of jsmpp, driven by hand-made bytes on a real socket. */
class SmppServerFramingTest {
    private static final int GENERIC_NACK = 0x80000000;
    private static final int BIND_TRANSMITTER_RESP = 0x80000002;
    private static final int SUBMIT_SM_RESP = 0x80000004;
    private static final int ENQUIRE_LINK_RESP = 0x80000015;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private SmppServer server;

    @BeforeEach
    void start() throws IOException {
        EsmeAccounts accounts = EsmeAccounts.of(List.of(
                new EsmeAccount("esme1", EsmeAccounts.sha256Hex("secret1"), 2)));
        server = new SmppServer(SmppServerOptions.builder().listenPort(0).build(), accounts,
                (systemId, request) -> CompletableFuture.completedFuture("mg-1"), meters, Clock.systemUTC());
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void twoGigabyteCommandLengthCostsOneGenericNackAndTheConnection() throws IOException {
        try (RawSmppClient esme = boundEsme()) {
            esme.send(HexPdus.load("submit_sm-header-claims-2GB.hex"));

            Pdu nack = esme.read();
            assertEquals(GENERIC_NACK, nack.commandId());
            assertEquals(CommandStatus.ESME_RINVCMDLEN, nack.commandStatus());
            assertEquals(2, nack.sequenceNumber());
            assertTrue(esme.closedByPeer());
        }
        assertEquals(1.0, rejected("too_long"));
    }

    @Test
    void commandLengthNegativeAsSignedIntIsTooLongNotTooShort() throws IOException {
        try (RawSmppClient esme = boundEsme()) {
            esme.send(HexPdus.load("submit_sm-header-claims-4GB-unsigned.hex"));

            Pdu nack = esme.read();
            assertEquals(GENERIC_NACK, nack.commandId());
            assertEquals(CommandStatus.ESME_RINVCMDLEN, nack.commandStatus());
            assertTrue(esme.closedByPeer());
        }
        assertEquals(1.0, rejected("too_long"));
    }

    @Test
    void oversizedPduBeforeBindIsRefusedToo() throws IOException {
        try (RawSmppClient stranger = new RawSmppClient(server.localPort())) {
            stranger.send(HexPdus.load("submit_sm-header-claims-2GB.hex"));

            assertEquals(GENERIC_NACK, stranger.read().commandId());
            assertTrue(stranger.closedByPeer());
        }
    }

    @Test
    void unparsableBodyGetsGenericNackAndTheBindSurvives() throws IOException {
        try (RawSmppClient esme = boundEsme()) {
            esme.send(HexPdus.load("submit_sm-source_addr-unterminated.hex"));
            Pdu nack = esme.read();
            assertEquals(GENERIC_NACK, nack.commandId());
            assertEquals(CommandStatus.ESME_RINVCMDLEN, nack.commandStatus());
            assertEquals(4, nack.sequenceNumber());

            esme.send(HexPdus.load("submit_sm-gsm7-hello-seq5.hex"));
            Pdu resp = esme.read();
            assertEquals(SUBMIT_SM_RESP, resp.commandId());
            assertEquals(CommandStatus.ESME_ROK, resp.commandStatus());
            assertEquals(5, resp.sequenceNumber());
            assertEquals("mg-1", new String(resp.bytes(), 16, 4, java.nio.charset.StandardCharsets.US_ASCII));
        }
        assertEquals(1.0, rejected("malformed_body"));
    }

    @Test
    void tlvLengthPastTheEndGetsGenericNackAndTheBindSurvives() throws IOException {
        try (RawSmppClient esme = boundEsme()) {
            esme.send(HexPdus.load("submit_sm-tlv-length-overruns.hex"));
            Pdu nack = esme.read();
            assertEquals(GENERIC_NACK, nack.commandId());
            assertEquals(6, nack.sequenceNumber());

            esme.send(HexPdus.load("enquire_link-seq3.hex"));
            Pdu resp = esme.read();
            assertEquals(ENQUIRE_LINK_RESP, resp.commandId());
            assertEquals(3, resp.sequenceNumber());
        }
    }

    @Test
    void pduSentOneByteAtATimeIsFramedWhole() throws IOException {
        try (RawSmppClient esme = boundEsme()) {
            for (byte b : HexPdus.load("submit_sm-gsm7-hello-seq5.hex")) {
                esme.send(new byte[] {b});
            }
            Pdu resp = esme.read();
            assertEquals(SUBMIT_SM_RESP, resp.commandId());
            assertEquals(5, resp.sequenceNumber());
        }
    }

    private RawSmppClient boundEsme() throws IOException {
        RawSmppClient esme = new RawSmppClient(server.localPort());
        esme.send(HexPdus.load("bind_transmitter-esme1.hex"));
        Pdu resp = esme.read();
        assertEquals(BIND_TRANSMITTER_RESP, resp.commandId());
        assertEquals(CommandStatus.ESME_ROK, resp.commandStatus());
        return esme;
    }

    private double rejected(String reason) {
        return meters.get(SmppServerMetrics.PDU_REJECTED).tag("reason", reason).counter().count();
    }
}
