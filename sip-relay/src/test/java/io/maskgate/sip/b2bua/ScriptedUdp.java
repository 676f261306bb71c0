package io.maskgate.sip.b2bua;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A scripted SIP peer on a UDP socket of 127.0.0.1; every read is bounded by its timeout. */
final class ScriptedUdp implements AutoCloseable {

    /**
     * How long {@link #receiveStarting} waits for a message the test expects. Longer than the
     * quiet window of {@link #receive}: on a loaded CI box the first call through a fresh relay
     * (JIT, first routing decision) can take more than the quiet window.
     */
    private static final int EXPECT_TIMEOUT_MILLIS = 10_000;

    private final DatagramSocket socket;
    private final int readTimeoutMillis;

    ScriptedUdp(int port, int readTimeoutMillis) {
        this.readTimeoutMillis = readTimeoutMillis;
        try {
            socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", port));
            socket.setSoTimeout(readTimeoutMillis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return socket.getLocalPort();
    }

    void send(String text, int port) {
        byte[] b = text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        try {
            socket.send(new DatagramPacket(b, b.length, new InetSocketAddress("127.0.0.1", port)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next datagram, or empty when none arrives within the read timeout. */
    Optional<String> receive() {
        byte[] buf = new byte[65535];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            socket.receive(p);
            return Optional.of(new String(buf, 0, p.getLength(), StandardCharsets.ISO_8859_1));
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next message whose first line starts with {@code prefix}, skipping others; empty on timeout. */
    Optional<String> receiveStarting(String prefix) {
        setTimeout(Math.max(readTimeoutMillis, EXPECT_TIMEOUT_MILLIS));
        try {
            for (int i = 0; i < 20; i++) {
                Optional<String> m = receive();
                if (m.isEmpty() || m.get().startsWith(prefix)) {
                    return m;
                }
            }
            return Optional.empty();
        } finally {
            setTimeout(readTimeoutMillis);
        }
    }

    private void setTimeout(int millis) {
        try {
            socket.setSoTimeout(millis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String invite(int fromPort, int toPort, String callId, String branch, String proxy, String caller) {
        return "INVITE sip:" + proxy + "@127.0.0.1:" + toPort + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + fromPort + ";branch=" + branch + ";rport\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:" + caller + "@127.0.0.1>;tag=carrier-1\n"
                + "To: <sip:" + proxy + "@127.0.0.1>\n"
                + "Call-ID: " + callId + "\n"
                + "CSeq: 1 INVITE\n"
                + "Contact: <sip:" + caller + "@127.0.0.1:" + fromPort + ">\n"
                + "P-Asserted-Identity: <tel:" + caller + ">\n"
                + "Content-Type: application/sdp\n"
                + "Content-Length: 0\n\n";
    }

    static String response(String request, int status, String reason, String toTag) {
        StringBuilder sb = new StringBuilder("SIP/2.0 " + status + " " + reason + "\n");
        for (String line : request.split("\r\n")) {
            String lower = line.toLowerCase();
            if (lower.startsWith("via:") || lower.startsWith("from:") || lower.startsWith("call-id:")
                    || lower.startsWith("cseq:")) {
                sb.append(line).append('\n');
            } else if (lower.startsWith("to:")) {
                sb.append(line).append(";tag=").append(toTag).append('\n');
            }
        }
        return sb.append("Content-Length: 0\n\n").toString();
    }

    static int status(String response) {
        return Integer.parseInt(response.substring(8, 11));
    }

    @Override
    public void close() {
        socket.close();
    }
}
