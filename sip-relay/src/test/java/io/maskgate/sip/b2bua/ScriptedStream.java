package io.maskgate.sip.b2bua;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ServerSocketFactory;

/**
 * A scripted SIP peer listening on a TCP (or, with an SSL server socket factory, TLS) port of
 * 127.0.0.1: accepts one connection, reads messages framed by Content-Length (RFC 3261 section
 * 18.3) and writes on the same connection. Every read is bounded by the timeout.
 */
final class ScriptedStream implements AutoCloseable {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^(?:Content-Length|l)\\s*:\\s*(\\d+)\\s*$");

    private final ServerSocket server;
    private final int timeoutMillis;
    private Socket socket;

    ScriptedStream(int port, int timeoutMillis) {
        this(ServerSocketFactory.getDefault(), port, timeoutMillis);
    }

    ScriptedStream(ServerSocketFactory factory, int port, int timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
        try {
            server = factory.createServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress("127.0.0.1", port));
            server.setSoTimeout(timeoutMillis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    /** The next message on the accepted connection (accepting it first), or empty on timeout. */
    Optional<String> receive() {
        try {
            if (socket == null) {
                socket = server.accept();
                socket.setSoTimeout(timeoutMillis);
            }
            return Optional.of(readMessage(socket.getInputStream()));
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void send(String text) {
        byte[] b = text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        try {
            socket.getOutputStream().write(b);
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one message: the header block up to the empty line, then Content-Length bytes of body. */
    static String readMessage(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed");
            }
            head.write(b);
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1
                    : (b == '\r' ? 1 : 0);
            if (head.size() == 2 && matched == 2) {
                head.reset(); // a keep-alive CRLF before the message
                matched = 0;
            }
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        Matcher m = CONTENT_LENGTH.matcher(headers);
        int length = m.find() ? Integer.parseInt(m.group(1)) : 0;
        byte[] body = in.readNBytes(length);
        return headers + new String(body, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            if (socket != null) {
                socket.close();
            }
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
