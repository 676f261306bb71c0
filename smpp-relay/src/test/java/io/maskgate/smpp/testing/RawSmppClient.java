package io.maskgate.smpp.testing;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;

/** A byte-level SMPP peer on a plain socket, for PDUs no library would send. */
public final class RawSmppClient implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;

    public RawSmppClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
        socket.setSoTimeout(5_000);
        in = new DataInputStream(socket.getInputStream());
    }

    public void send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** Reads one PDU (at most 64 KiB, this is a test peer). */
    public Pdu read() throws IOException {
        int length = in.readInt();
        if (length < 16 || length > 65_536) {
            throw new IOException("unexpected command_length " + length);
        }
        byte[] pdu = new byte[length];
        ByteBuffer.wrap(pdu).putInt(length);
        in.readFully(pdu, 4, length - 4);
        return new Pdu(pdu);
    }

    /** True when the peer closed the connection (EOF or reset) before sending anything more. */
    public boolean closedByPeer() throws IOException {
        try {
            return in.read() < 0;
        } catch (EOFException | SocketException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A PDU as received. */
    public record Pdu(byte[] bytes) {
        public int commandLength() {
            return ByteBuffer.wrap(bytes).getInt(0);
        }

        public int commandId() {
            return ByteBuffer.wrap(bytes).getInt(4);
        }

        public int commandStatus() {
            return ByteBuffer.wrap(bytes).getInt(8);
        }

        public int sequenceNumber() {
            return ByteBuffer.wrap(bytes).getInt(12);
        }
    }
}
