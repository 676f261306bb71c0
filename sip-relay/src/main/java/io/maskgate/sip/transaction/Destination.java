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
 * @param udpOnly the hop takes UDP only: a request too large for a datagram stays on UDP instead of
 *     moving to TCP as RFC 3261 section 18.1.1 asks (see {@link UdpSizeLimit}); meaningless for
 *     TCP and TLS
 */
public record Destination(SipTransportType transport, InetSocketAddress address, boolean udpOnly) {

    public Destination {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("destination address must be resolved");
        }
    }

    /** A hop that follows RFC 3261 section 18.1.1 (oversized requests move from UDP to TCP). */
    public Destination(SipTransportType transport, InetSocketAddress address) {
        this(transport, address, false);
    }

    public static Destination udp(InetSocketAddress address) {
        return new Destination(SipTransportType.UDP, address);
    }

    public static Destination tcp(InetSocketAddress address) {
        return new Destination(SipTransportType.TCP, address);
    }

    /** The same hop kind (transport, UDP-only) at another address: an in-dialog target. */
    public Destination withAddress(InetSocketAddress other) {
        return new Destination(transport, other, udpOnly);
    }

    /** The same address over another transport. */
    public Destination withTransport(SipTransportType other) {
        return new Destination(other, address, udpOnly);
    }
}
