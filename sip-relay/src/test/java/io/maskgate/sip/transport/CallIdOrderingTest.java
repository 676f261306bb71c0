package io.maskgate.sip.transport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.maskgate.sip.screen.InboundScreen;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Messages of one Call-ID, sent from several source sockets (so possibly read by different I/O
 * loops), reach the application on one thread, and each sender's messages in the order sent.
 */
class CallIdOrderingTest {

    private static final int PER_SOCKET = 20;

    record Seen(long cseq, int sourcePort, String thread) {
    }

    @Test
    void oneCallIdIsHandledOnOneLoopInOrder() throws Exception {
        List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
        SipInbound app = new SipInbound() {
            @Override
            public void onRequest(InboundRequest r) {
                seen.add(new Seen(r.request().cseqNumber().orElseThrow(), r.connection().remote().getPort(),
                        Thread.currentThread().getName()));
            }

            @Override
            public void onResponse(InboundResponse r) {
                throw new AssertionError("no responses in this test");
            }
        };
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        try (SipTransport t = SipTransport.start(SipTransportOptions.builder().udpBindAddresses(List.of(any))
                .tcpBindAddresses(List.of()).ioThreads(2).build(), InboundScreen.create(), app,
                new SimpleMeterRegistry());
                DatagramSocket a = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
                DatagramSocket b = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            InetSocketAddress target = t.udpLocalAddresses().get(0);
            for (int i = 1; i <= PER_SOCKET; i++) {
                send(a, target, 2 * i);
                send(b, target, 2 * i + 1);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 2 * PER_SOCKET);
            Set<String> threads = seen.stream().map(Seen::thread).collect(Collectors.toSet());
            assertEquals(1, threads.size(), threads::toString);
            for (DatagramSocket s : List.of(a, b)) {
                List<Long> order = seen.stream().filter(x -> x.sourcePort() == s.getLocalPort()).map(Seen::cseq)
                        .toList();
                assertEquals(order.stream().sorted().toList(), order);
            }
        }
    }

    private static void send(DatagramSocket from, InetSocketAddress to, long cseq) throws Exception {
        byte[] m = ("MESSAGE sip:gw@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + from.getLocalPort() + ";branch=z9hG4bK-o" + cseq + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:a@127.0.0.1>;tag=f\r\n"
                + "To: <sip:gw@127.0.0.1>;tag=t\r\n"
                + "Call-ID: one-call-for-ordering\r\n"
                + "CSeq: " + cseq + " MESSAGE\r\n"
                + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        from.send(new DatagramPacket(m, m.length, to));
    }
}
