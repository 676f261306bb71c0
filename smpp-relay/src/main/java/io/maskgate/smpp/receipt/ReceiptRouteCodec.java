package io.maskgate.smpp.receipt;

import io.maskgate.smpp.message.SmppAddress;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The plaintext of a stored {@link ReceiptRoute}: a version octet, then message id, system_id and
 * two addresses (ton, npi, digits), strings as modified UTF-8 with a length prefix. Sealed by the
 * store before it leaves the process.
 *
 * <p>An entry of a session is wrapped once more ({@link #SESSION_SEALED}): the version octet 2,
 * the session id (modified UTF-8), then the route's envelope under the session's receipt key. The
 * session id tells the reader which receipt key to fetch.
 */
final class ReceiptRouteCodec {
    static final int VERSION = 1;
    static final int SESSION_SEALED = 2;

    /** A stored entry, opened as far as the data key goes. */
    sealed interface Stored permits Plain, UnderSessionKey {}

    /** An entry sealed under the data key only (no session, or written before receipt keys). */
    record Plain(ReceiptRoute route) implements Stored {}

    /** An entry whose route is sealed under the receipt key of {@code sessionId}. */
    record UnderSessionKey(String sessionId, byte[] sealedRoute) implements Stored {}

    private ReceiptRouteCodec() {}

    static byte[] encode(ReceiptRoute route) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(route.messageId());
            out.writeUTF(route.systemId());
            writeAddress(out, route.esmeSource());
            writeAddress(out, route.esmeDestination());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] encodeUnderSessionKey(String sessionId, byte[] sealedRoute) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(48 + sealedRoute.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(SESSION_SEALED);
            out.writeUTF(sessionId);
            out.write(sealedRoute);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException when the bytes are neither a route nor a session-sealed one */
    static Stored decodeStored(byte[] plaintext) {
        if (plaintext.length == 0 || plaintext[0] != SESSION_SEALED) {
            return new Plain(decode(plaintext));
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plaintext))) {
            in.readUnsignedByte();
            String sessionId = in.readUTF();
            return new UnderSessionKey(sessionId, in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated session-sealed receipt route", e);
        }
    }

    /** @throws IllegalArgumentException when the bytes are not a version-1 route */
    static ReceiptRoute decode(byte[] plaintext) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plaintext))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown receipt route version " + version);
            }
            return new ReceiptRoute(in.readUTF(), in.readUTF(), readAddress(in), readAddress(in));
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated receipt route", e);
        }
    }

    private static void writeAddress(DataOutputStream out, SmppAddress a) throws IOException {
        out.writeByte(a.ton());
        out.writeByte(a.npi());
        out.writeUTF(a.address());
    }

    private static SmppAddress readAddress(DataInputStream in) throws IOException {
        return new SmppAddress(in.readByte(), in.readByte(), in.readUTF());
    }
}
