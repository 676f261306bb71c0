package io.maskgate.sip.b2bua;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** A carrier-side SIP peer over TLS on 127.0.0.1 (sipp here has no TLS): one SSLSocket, bounded reads. */
final class TlsPeer implements AutoCloseable {

    private final SSLSocket socket;

    /** Connects and completes the handshake; throws when the gateway refuses it. */
    TlsPeer(SSLContext context, int port) throws IOException {
        this(context, new InetSocketAddress("127.0.0.1", port));
    }

    TlsPeer(SSLContext context, InetSocketAddress gateway) throws IOException {
        socket = (SSLSocket) context.getSocketFactory().createSocket();
        socket.setSoTimeout(10_000);
        socket.connect(gateway, 5_000);
        socket.startHandshake();
    }

    int localPort() {
        return socket.getLocalPort();
    }

    /** Writes a message; a refused client certificate may show here already (broken pipe). */
    void send(String text) throws IOException {
        byte[] b = text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        socket.getOutputStream().write(b);
        socket.getOutputStream().flush();
    }

    /** The next message; over TLS 1.3 a refused client certificate shows up here, as an exception. */
    String receive() throws IOException {
        return ScriptedStream.readMessage(socket.getInputStream());
    }

    /** The next message whose start line begins with {@code prefix}, skipping provisional responses. */
    String receiveStarting(String prefix) throws IOException {
        for (int i = 0; i < 10; i++) {
            String m = receive();
            if (m.startsWith(prefix)) {
                return m;
            }
        }
        throw new AssertionError("no message starting " + prefix);
    }

    static String header(String message, String name) {
        Matcher m = Pattern.compile("(?im)^" + name + ":\\s*(.*?)\\s*$").matcher(message);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in " + message);
        }
        return m.group(1);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
