package io.maskgate.sip.transport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.maskgate.sip.screen.InboundScreen;
import io.maskgate.sip.testing.RecordingInbound;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a started transport exports about itself, beyond the per-message counters. */
class SipTransportMetricsTest {

    @Test
    void aStartedTransportSamplesItsLoopsAndCountsKernelDropsOnItsUdpPorts() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (SipTransport t = SipTransport.start(SipTransportOptions.builder()
                .udpBindAddresses(List.of(new InetSocketAddress("127.0.0.1", 0))).tcpBindAddresses(List.of())
                .ioThreads(2).build(), InboundScreen.create(), new RecordingInbound(), registry)) {
            // ten probe ticks a second on each of the two loops
            await().atMost(Duration.ofSeconds(5)).until(() -> registry.get(SipMetrics.LOOP_LAG).timer().count() >= 4);
            assertEquals(0.0, registry.get(SipMetrics.UDP_RECEIVE_DROPS).functionCounter().count());
        }
    }
}
