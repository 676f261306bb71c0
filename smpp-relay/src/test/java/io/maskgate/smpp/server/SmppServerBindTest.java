package io.maskgate.smpp.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.smpp.pdu.CommandStatus;
import io.maskgate.smpp.testing.EsmeClient;
import io.maskgate.smpp.testing.HexPdus;
import io.maskgate.smpp.testing.RawSmppClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jsmpp.bean.BindType;
import org.jsmpp.session.SMPPSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Binds from a real jsmpp ESME: accounts, limits, unbind, idle close. */
class SmppServerBindTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private SmppServer server;

    private void start(SmppServerOptions.Builder options) throws IOException {
        EsmeAccounts accounts = EsmeAccounts.of(List.of(
                new EsmeAccount("esme1", EsmeAccounts.sha256Hex("secret1"), 2),
                new EsmeAccount("solo", EsmeAccounts.sha256Hex("pw"), 1)));
        server = new SmppServer(options.listenPort(0).build(), accounts,
                (systemId, request) -> CompletableFuture.completedFuture("mg-1"), meters, Clock.systemUTC());
        server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void bindsAsTransmitterReceiverAndTransceiver() throws IOException {
        start(SmppServerOptions.builder().maxBindsPerSystemId(4));
        SMPPSession tx = EsmeClient.bind(server.localPort(), BindType.BIND_TX, "esme1", "secret1");
        SMPPSession rx = EsmeClient.bind(server.localPort(), BindType.BIND_RX, "esme1", "secret1");
        try {
            assertTrue(tx.getSessionState().isBound());
            assertTrue(rx.getSessionState().isBound());
            await().until(() -> server.registry().binds("esme1").size() == 2);
            assertEquals(1, server.registry().receivers("esme1").size());
        } finally {
            tx.unbindAndClose();
            rx.unbindAndClose();
        }
        SMPPSession trx = EsmeClient.bind(server.localPort(), BindType.BIND_TRX, "esme1", "secret1");
        try {
            assertTrue(trx.getSessionState().isBound());
        } finally {
            trx.unbindAndClose();
        }
    }

    @Test
    void wrongPasswordIsRefusedAndCounted() throws IOException {
        start(SmppServerOptions.builder());
        int status = EsmeClient.refusedBindStatus(server.localPort(), BindType.BIND_TRX, "esme1", "guess");
        assertEquals(CommandStatus.ESME_RINVPASWD, status);
        assertEquals(1.0, failures("wrong_password"));
        assertEquals(0.0, failures("unknown_system_id"));
    }

    @Test
    void unknownSystemIdIsRefusedAndCounted() throws IOException {
        start(SmppServerOptions.builder());
        int status = EsmeClient.refusedBindStatus(server.localPort(), BindType.BIND_TX, "nobody", "secret1");
        assertEquals(CommandStatus.ESME_RINVSYSID, status);
        assertEquals(1.0, failures("unknown_system_id"));
    }

    @Test
    void bindBeyondTheAccountLimitIsRefusedWithBindFail() throws IOException {
        start(SmppServerOptions.builder());
        SMPPSession first = EsmeClient.bind(server.localPort(), BindType.BIND_TRX, "solo", "pw");
        try {
            int status = EsmeClient.refusedBindStatus(server.localPort(), BindType.BIND_TRX, "solo", "pw");
            assertEquals(CommandStatus.ESME_RBINDFAIL, status);
            assertEquals(1.0, failures("too_many_binds"));
        } finally {
            first.unbindAndClose();
        }
    }

    @Test
    void unbindFreesTheSlot() throws IOException {
        start(SmppServerOptions.builder());
        SMPPSession first = EsmeClient.bind(server.localPort(), BindType.BIND_TRX, "solo", "pw");
        first.unbindAndClose();
        await().until(() -> server.registry().binds("solo").isEmpty());

        SMPPSession second = EsmeClient.bind(server.localPort(), BindType.BIND_TRX, "solo", "pw");
        try {
            assertTrue(second.getSessionState().isBound());
        } finally {
            second.unbindAndClose();
        }
    }

    @Test
    void silentBindIsClosedAfterTheIdleTimeout() throws IOException {
        start(SmppServerOptions.builder().idleTimeout(Duration.ofMillis(300)));
        try (RawSmppClient esme = new RawSmppClient(server.localPort())) {
            esme.send(HexPdus.load("bind_transmitter-esme1.hex"));
            assertEquals(CommandStatus.ESME_ROK, esme.read().commandStatus());
            assertFalse(server.registry().binds("esme1").isEmpty());

            assertTrue(esme.closedByPeer());
            await().atMost(Duration.ofSeconds(3)).until(() -> server.registry().binds("esme1").isEmpty());
        }
    }

    @Test
    void enquireLinkKeepsABindAlivePastTheIdleTimeout() throws IOException {
        // Idle timeout 1 s, enquire_link every ~100 ms for 3 s: a bind that were not kept alive by
        // them would be closed three times over, and a loaded machine has a second of slack.
        start(SmppServerOptions.builder().idleTimeout(Duration.ofSeconds(1)));
        try (RawSmppClient esme = new RawSmppClient(server.localPort())) {
            esme.send(HexPdus.load("bind_transmitter-esme1.hex"));
            assertEquals(CommandStatus.ESME_ROK, esme.read().commandStatus());
            long until = System.nanoTime() + Duration.ofMillis(3_000).toNanos();
            while (System.nanoTime() < until) {
                esme.send(HexPdus.load("enquire_link-seq3.hex"));
                RawSmppClient.Pdu resp = esme.read();
                assertEquals(0x80000015, resp.commandId());
                await().pollDelay(Duration.ofMillis(100)).until(() -> true);
            }
            assertEquals(1, server.registry().binds("esme1").size());
        }
    }

    @Test
    void accountToStringHidesTheHash() {
        String hash = EsmeAccounts.sha256Hex("secret1");
        String shown = new EsmeAccount("esme1", hash, 1).toString();
        assertFalse(shown.contains(hash));
        assertTrue(shown.contains("esme1"));
    }

    private double failures(String reason) {
        return meters.get(SmppServerMetrics.BIND_FAILURES).tag("reason", reason).counter().count();
    }
}
