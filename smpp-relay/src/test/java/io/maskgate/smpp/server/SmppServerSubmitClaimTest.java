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
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** submit_sm on a bound transmitter is taken on the connection's reader thread, not a jsmpp worker. */
class SmppServerSubmitClaimTest {
    private static final int BIND_TRANSMITTER_RESP = 0x80000002;
    private static final int SUBMIT_SM_RESP = 0x80000004;

    private final List<String> handledOn = new CopyOnWriteArrayList<>();
    private SmppServer server;

    @BeforeEach
    void start() throws IOException {
        EsmeAccounts accounts = EsmeAccounts.of(List.of(
                new EsmeAccount("esme1", EsmeAccounts.sha256Hex("secret1"), 2)));
        server = new SmppServer(SmppServerOptions.builder().listenPort(0).build(), accounts,
                (systemId, request) -> {
                    handledOn.add(Thread.currentThread().getName());
                    return CompletableFuture.completedFuture("mg-1");
                }, new SimpleMeterRegistry(), Clock.systemUTC());
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void submitSmIsRelayedFromTheReaderThreadAndAnsweredOnce() throws IOException {
        try (RawSmppClient esme = new RawSmppClient(server.localPort())) {
            esme.send(HexPdus.load("bind_transmitter-esme1.hex"));
            assertEquals(BIND_TRANSMITTER_RESP, esme.read().commandId());

            esme.send(HexPdus.load("submit_sm-gsm7-hello-seq5.hex"));
            Pdu resp = esme.read();
            assertEquals(SUBMIT_SM_RESP, resp.commandId());
            assertEquals(CommandStatus.ESME_ROK, resp.commandStatus());
            assertEquals(5, resp.sequenceNumber());

            // The same sequence again: answered again, so nothing was left deferred by the first.
            esme.send(HexPdus.load("submit_sm-gsm7-hello-seq5.hex"));
            Pdu second = esme.read();
            assertEquals(SUBMIT_SM_RESP, second.commandId());
            assertEquals(5, second.sequenceNumber());
        }
        assertEquals(2, handledOn.size());
        assertTrue(handledOn.stream().allMatch(name -> name.startsWith("PDUReaderWorker")), handledOn.toString());
    }
}
