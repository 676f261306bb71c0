package io.maskgate.sip.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.maskgate.sip.codec.SipMessage;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every transaction leaves the table when it terminates, whichever way it ends. */
class TransactionTableTest {

    private static final int CALLS = 500;

    private final EmbeddedTransactions fx = new EmbeddedTransactions();

    @AfterEach
    void finish() {
        assertFalse(fx.channel.finish());
    }

    @Test
    void theTableEmptiesWhenEveryKindOfTransactionHasEnded() {
        EmbeddedTransactions.RecordingListener listener = new EmbeddedTransactions.RecordingListener();
        Destination trunk = Destination.udp(new InetSocketAddress("127.0.0.1", 5080));
        for (int i = 0; i < CALLS; i++) {
            fx.receive(SipText.request("INVITE", "t" + i, "z9hG4bK-s" + i, 1));
            ServerTransaction tx = fx.user.requests.get(fx.user.requests.size() - 1);
            tx.respond(tx.request().createResponse(i % 2 == 0 ? 486 : 200, "R", List.of()));
            if (i % 4 == 0) {
                fx.receive(SipText.request("ACK", "t" + i, "z9hG4bK-s" + i, 1, "x"));
            }
            fx.receive(SipText.request("BYE", "t" + i, "z9hG4bK-b" + i, 2, "x")); // never answered: stays
            ClientTransaction c = fx.layer.send(SipText.outbound(i % 3 == 0 ? "INVITE" : "OPTIONS", "u" + i,
                    TransactionLayer.newBranch()), trunk, listener);
            fx.runTasks();
            if (i % 2 == 0) {
                SipMessage r = c.request().createResponse(i % 3 == 0 ? 603 : 200, "R", List.of());
                fx.receiveResponse(r);
            }
        }
        assertEquals(3 * CALLS, fx.layer.activeTransactions()); // server INVITE, server BYE, client
        fx.advance(Duration.ofSeconds(33)); // past 64*T1, D, I, J, K, L
        assertEquals(CALLS, fx.layer.activeTransactions(), "only the unanswered BYEs remain");
        for (ServerTransaction tx : fx.user.requests) {
            if (!tx.isInvite()) {
                tx.respond(tx.request().createResponse(200, "OK", List.of()));
            }
        }
        fx.advance(Duration.ofSeconds(33));
        assertEquals(0, fx.layer.activeTransactions());
        assertEquals(0.0, fx.gauge(TransactionMetrics.ACTIVE));
        assertEquals(CALLS / 2, listener.timeouts, "the unanswered client transactions ended on timer B or F");
    }
}
