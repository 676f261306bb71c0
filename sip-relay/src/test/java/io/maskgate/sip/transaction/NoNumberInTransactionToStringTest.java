package io.maskgate.sip.transaction;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.maskgate.sip.codec.SipMessage;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Transactions hold requests whose Request-URI, From and To carry phone numbers: toString must not show them. */
class NoNumberInTransactionToStringTest {

    private static final String NUMBER = "919876543210";

    private final EmbeddedTransactions fx = new EmbeddedTransactions();

    @AfterEach
    void finish() {
        assertFalse(fx.channel.finish());
    }

    private static SipMessage withNumbers(String method, String branch) {
        return SipText.parse(method + " sip:+" + NUMBER + "@127.0.0.1 SIP/2.0",
                "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=" + branch, "Max-Forwards: 70",
                "From: <sip:+" + NUMBER + "@127.0.0.1>;tag=f", "To: <sip:+" + NUMBER + "@127.0.0.1>",
                "Call-ID: " + NUMBER, "CSeq: 1 " + method, "Content-Length: 0");
    }

    private static void assertMasked(Object o) {
        assertFalse(String.valueOf(o).contains(NUMBER), () -> o.getClass().getSimpleName() + " leaks: " + o);
        assertFalse(String.valueOf(o).contains("9876543210"), () -> o.getClass().getSimpleName() + " leaks: " + o);
    }

    @Test
    void serverTransactionKeysAndRetransmitter() {
        SipMessage invite = withNumbers("INVITE", "z9hG4bK"); // the RFC 2543 key holds the Request-URI
        fx.receive(invite);
        ServerTransaction tx = fx.user.requests.get(0);
        assertMasked(tx);
        assertMasked(TransactionKey.server(invite));
        SipMessage ok = tx.request().createResponse(200, "OK", List.of());
        tx.respond(ok);
        TwoXxRetransmitter r = fx.layer.retransmit2xx(tx, ok, () -> { });
        assertMasked(r);
        r.ackReceived();
        fx.runTasks();
        assertMasked(fx.layer);
    }

    @Test
    void clientTransaction() {
        ClientTransaction tx = fx.layer.send(withNumbers("INVITE", TransactionLayer.newBranch()),
                Destination.udp(new InetSocketAddress("127.0.0.1", 5080)), new EmbeddedTransactions.RecordingListener());
        fx.runTasks();
        assertMasked(tx);
        assertMasked(TransactionKey.client(tx.request()).orElseThrow());
        assertMasked(tx.destination());
    }
}
