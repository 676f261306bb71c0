package io.maskgate.sip.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.maskgate.sip.screen.InboundScreen;
import io.maskgate.sip.testing.RecordingInbound;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** {@link SipTransportOptions#maxConnections()} bounds accepted connections too: one more is closed at once. */
class StreamConnectionLimitTest {

    @Test
    void aConnectionBeyondTheLimitIsClosedAndTheOthersStay() throws IOException {
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (SipTransport t = SipTransport.start(SipTransportOptions.builder().udpBindAddresses(List.of(any))
                .tcpBindAddresses(List.of(any)).ioThreads(1).maxConnections(2).build(), InboundScreen.create(),
                new RecordingInbound(), registry)) {
            InetSocketAddress tcp = t.tcpLocalAddresses().get(0);
            try (Socket first = new Socket(tcp.getAddress(), tcp.getPort());
                    Socket second = new Socket(tcp.getAddress(), tcp.getPort())) {
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> t.streamConnectionCount() == 2);
                try (Socket third = new Socket(tcp.getAddress(), tcp.getPort())) {
                    third.setSoTimeout(5_000);
                    assertEquals(-1, third.getInputStream().read(), "the third connection was not closed");
                }
                assertEquals(2, t.streamConnectionCount());
                assertEquals(1.0, registry.get(SipMetrics.CONNECTIONS_REFUSED).tag(SipMetrics.TAG_TRANSPORT, "tcp")
                        .counter().count());
            }
        }
    }
}
