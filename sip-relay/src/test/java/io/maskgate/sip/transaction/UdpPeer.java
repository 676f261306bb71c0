package io.maskgate.sip.transaction;

import io.maskgate.sip.codec.SipDecodeResult;
import io.maskgate.sip.codec.SipEncoder;
import io.maskgate.sip.codec.SipMessage;
import io.maskgate.sip.codec.SipParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Predicate;

/** A scripted SIP peer on a plain UDP socket on 127.0.0.1; every read is bounded by a timeout. */
final class UdpPeer implements AutoCloseable {

    private static final int READ_TIMEOUT_MS = 5_000;

    private final DatagramSocket socket;
    private final InetSocketAddress gateway;

    UdpPeer(InetSocketAddress gateway) {
        this.gateway = gateway;
        try {
            socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
            socket.setSoTimeout(READ_TIMEOUT_MS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** A request from this peer, Via pointing at it. */
    String request(String method, String callId, String branch, long cseq, String toTag) {
        return method + " sip:callee@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + address().getPort() + ";branch=" + branch + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:caller@127.0.0.1>;tag=peer1\r\n"
                + "To: <sip:callee@127.0.0.1>" + (toTag.isEmpty() ? "" : ";tag=" + toTag) + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Contact: <sip:caller@127.0.0.1:" + address().getPort() + ">\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    void send(String text) {
        send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    void send(SipMessage message) {
        send(SipEncoder.encodeToBytes(message));
    }

    private void send(byte[] bytes) {
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, gateway));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next message, parsed; fails after the read timeout. */
    SipMessage receive() {
        byte[] buf = new byte[65_535];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            socket.receive(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] data = Arrays.copyOf(buf, p.getLength());
        int split = indexOf(data, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)) + 4;
        SipDecodeResult r = new SipParser().parse(Arrays.copyOf(data, split), Arrays.copyOfRange(data, split,
                data.length), (InetSocketAddress) p.getSocketAddress());
        return ((SipDecodeResult.Decoded) r).message();
    }

    /** Reads until a message matches, skipping others (e.g. retransmissions still in flight). */
    SipMessage receiveUntil(Predicate<SipMessage> wanted) {
        for (int i = 0; i < 100; i++) {
            SipMessage m = receive();
            if (wanted.test(m)) {
                return m;
            }
        }
        throw new AssertionError("no matching message in 100 reads");
    }

    /** The next message if one arrives within {@code ms}. */
    Optional<SipMessage> poll(int ms) {
        try {
            socket.setSoTimeout(ms);
            return Optional.of(receive());
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof SocketTimeoutException) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                socket.setSoTimeout(READ_TIMEOUT_MS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("no end of headers");
    }

    @Override
    public void close() {
        socket.close();
    }
}
