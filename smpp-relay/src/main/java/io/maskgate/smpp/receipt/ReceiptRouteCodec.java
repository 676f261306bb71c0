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
 */
final class ReceiptRouteCodec {
    static final int VERSION = 1;

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
