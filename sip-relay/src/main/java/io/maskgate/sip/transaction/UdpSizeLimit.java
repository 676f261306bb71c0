package io.maskgate.sip.transaction;

import io.maskgate.sip.codec.SipMessage;
import io.maskgate.sip.transport.SipTransportType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * RFC 3261 section 18.1.1: "If a request is within 200 bytes of the path MTU, or if it is larger
 * than 1300 bytes and the path MTU is unknown, the request MUST be sent using an RFC 2914
 * congestion controlled transport protocol, such as TCP. If this causes a change in the transport
 * protocol from the one indicated in the top Via, the value in the top Via MUST be changed."
 *
 * <p>Applied to every request the gateway sends over UDP. A request larger than {@code mtu - 200}
 * moves to TCP, to the same address, with its top Via rewritten to {@code SIP/2.0/TCP} and our TCP
 * port; unless the hop is {@link Destination#udpOnly()} or the gateway has no TCP listener, then it
 * stays on UDP (and is fragmented by IP) and is counted. Responses are not touched: section 18.2.2
 * sends them back the way the request came.
 *
 * <p>The same section: "if the attempt to establish the connection generates either an ICMP
 * Protocol Not Supported, or results in a TCP reset, the element SHOULD retry the request, using
 * UDP". The client transaction does that ({@link Routed#movedToTcp()}) and counts it here.
 *
 * <p>Exports {@value #OVERSIZE}{@code {action="tcp"|"udp"|"udp_retry"}}. Thread-safe.
 */
public final class UdpSizeLimit {

    /** Counter: requests over the UDP size limit, by what was done ({@link #TAG_ACTION}). */
    public static final String OVERSIZE = "maskgate_sip_udp_oversize_requests_total";
    /**
     * {@code tcp}: moved to TCP; {@code udp}: sent over UDP anyway (UDP-only hop or no TCP listener);
     * {@code udp_retry}: moved to TCP, the peer refused the connection, sent again over UDP.
     */
    public static final String TAG_ACTION = "action";
    /** Bytes below the path MTU a UDP request must stay (RFC 3261 section 18.1.1). */
    public static final int MARGIN = 200;
    /** The path MTU assumed when conf does not say: Ethernet's 1500, giving the RFC's 1300-byte rule. */
    public static final int DEFAULT_MTU = 1500;

    private final int maxUdpBytes;
    private final Optional<Integer> tcpPort;
    private final Counter movedToTcp;
    private final Counter keptOnUdp;
    private final Counter retriedOnUdp;

    /**
     * @param mtu the path MTU, at least 576 (RFC 791's minimum datagram every host takes)
     * @param tcpSentBy our TCP address as written in Via sent-by; empty when we have no TCP listener
     */
    public UdpSizeLimit(int mtu, Optional<InetSocketAddress> tcpSentBy, MeterRegistry registry) {
        if (mtu < 576) {
            throw new IllegalArgumentException("mtu must be >= 576");
        }
        this.maxUdpBytes = mtu - MARGIN;
        this.tcpPort = Objects.requireNonNull(tcpSentBy, "tcpSentBy").map(InetSocketAddress::getPort);
        this.movedToTcp = Counter.builder(OVERSIZE).tag(TAG_ACTION, "tcp").register(registry);
        this.keptOnUdp = Counter.builder(OVERSIZE).tag(TAG_ACTION, "udp").register(registry);
        this.retriedOnUdp = Counter.builder(OVERSIZE).tag(TAG_ACTION, "udp_retry").register(registry);
    }

    /** A limit that never moves anything (transaction tests without a transport). */
    static UdpSizeLimit none(MeterRegistry registry) {
        return new UdpSizeLimit(65_535 + MARGIN, Optional.empty(), registry);
    }

    /** Largest request sent over UDP as it is. */
    public int maxUdpBytes() {
        return maxUdpBytes;
    }

    /**
     * What to send where: the request as given, or moved to TCP.
     *
     * @param movedToTcp true when {@code message} and {@code destination} are the TCP form of a UDP request
     */
    public record Routed(SipMessage message, Destination destination, boolean movedToTcp) {
    }

    /** A request moved to TCP went back to UDP after the connection was refused. */
    void retriedOnUdp() {
        retriedOnUdp.increment();
    }

    Routed route(SipMessage message, Destination destination) {
        if (destination.transport() != SipTransportType.UDP || !message.isRequest()
                || message.wireLength() <= maxUdpBytes) {
            return new Routed(message, destination, false);
        }
        if (destination.udpOnly() || tcpPort.isEmpty()) {
            keptOnUdp.increment();
            return new Routed(message, destination, false);
        }
        movedToTcp.increment();
        return new Routed(message.withTopViaTransport(SipTransportType.TCP.name(), tcpPort.get()),
                destination.withTransport(SipTransportType.TCP), true);
    }

    @Override
    public String toString() {
        return "UdpSizeLimit[maxUdpBytes=" + maxUdpBytes + ", tcp=" + tcpPort.isPresent() + "]";
    }
}
