package io.maskgate.sip.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SipTransportOptionsTest {

    @Test
    void defaults() {
        SipTransportOptions o = SipTransportOptions.create();
        assertEquals(4 * 1024 * 1024, o.udpReceiveBufferBytes());
        assertEquals(16 * 1024, o.maxHeaderBytes());
        assertEquals(64 * 1024, o.maxBodyBytes());
        assertEquals(5060, o.udpBindAddresses().get(0).getPort());
        assertEquals(o.toString(), o.mutate().build().toString());
    }

    @Test
    void badValuesAreRefusedWhereTheyAreSet() {
        SipTransportOptions.Builder b = SipTransportOptions.builder();
        assertThrows(IllegalArgumentException.class, () -> b.udpReceiveBufferBytes(1024));
        assertThrows(IllegalArgumentException.class, () -> b.maxDatagramBytes(70_000));
        assertThrows(IllegalArgumentException.class, () -> b.tcpIdleTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> b.ioThreads(0));
        assertThrows(IllegalArgumentException.class,
                () -> b.udpBindAddresses(List.of()).tcpBindAddresses(List.of()).build());
    }
}
