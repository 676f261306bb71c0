package io.maskgate.sip.transaction;

import io.maskgate.sip.transport.SipTransportType;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where a client transaction sends its request (the next hop chosen by the TU, RFC 3261 section
 * 8.1.2 / RFC 3263): a transport and a resolved socket address.
 *
 * @param transport UDP, TCP or TLS; decides the timers (retransmissions only over UDP)
 * @param address the next hop's resolved address (an IP literal and a port; never a name to look up)
 */
public record Destination(SipTransportType transport, InetSocketAddress address) {

    public Destination {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("destination address must be resolved");
        }
    }

    public static Destination udp(InetSocketAddress address) {
        return new Destination(SipTransportType.UDP, address);
    }

    public static Destination tcp(InetSocketAddress address) {
        return new Destination(SipTransportType.TCP, address);
    }
}
