package io.maskgate.smpp.message;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An optional parameter (SMPP 3.4 section 3.2.4.1) kept as raw tag and value octets, so that
 * whatever the ESME sent (message_payload, sar_*, vendor TLVs) is passed on byte for byte.
 * The value can be message content, so {@link #toString()} shows only tag and length.
 */
public record Tlv(short tag, byte[] value) {
    public static final short MESSAGE_PAYLOAD = 0x0424;
    public static final short SAR_MSG_REF_NUM = 0x020C;
    public static final short SAR_TOTAL_SEGMENTS = 0x020E;
    public static final short SAR_SEGMENT_SEQNUM = 0x020F;
    /** SMPP 3.4 section 5.3.2.12: the SMSC message id a receipt is about (C-Octet String). */
    public static final short RECEIPTED_MESSAGE_ID = 0x001E;
    /** SMPP 3.4 section 5.3.2.35. */
    public static final short MESSAGE_STATE = 0x0427;
    /** SMPP 3.4 section 5.3.2.31. */
    public static final short NETWORK_ERROR_CODE = 0x0423;

    /** A C-Octet String TLV value: the ASCII text and its terminating NUL. */
    public static Tlv cString(short tag, String ascii) {
        byte[] text = ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] value = java.util.Arrays.copyOf(text, text.length + 1);
        return new Tlv(tag, value);
    }

    /** The value as text without a trailing NUL (C-Octet String TLVs). */
    public String asCString() {
        int n = value.length;
        while (n > 0 && value[n - 1] == 0) {
            n--;
        }
        return new String(value, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    public Tlv {
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException("TLV value longer than 65535 octets");
        }
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tlv other && other.tag == tag && Arrays.equals(other.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * tag + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Tlv[tag=0x" + HexFormat.of().toHexDigits(tag) + ", length=" + value.length + "]";
    }
}
