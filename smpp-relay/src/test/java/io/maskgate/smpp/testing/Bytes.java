package io.maskgate.smpp.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Byte-level searches for the "no real number crossed" checks. */
public final class Bytes {
    private Bytes() {}

    /**
     * Spellings of an E.164 number (digits without '+') as they could appear on the wire: with and
     * without '+', national significant number (the last 10 digits), in ASCII and in UCS2.
     */
    public static List<byte[]> spellings(String e164Digits) {
        String national = e164Digits.substring(e164Digits.length() - 10);
        return List.of(("+" + e164Digits).getBytes(StandardCharsets.US_ASCII),
                e164Digits.getBytes(StandardCharsets.US_ASCII),
                national.getBytes(StandardCharsets.US_ASCII),
                ("+" + e164Digits).getBytes(StandardCharsets.UTF_16BE),
                national.getBytes(StandardCharsets.UTF_16BE));
    }

    /** True when any PDU contains any spelling of the number. */
    public static boolean anyContains(List<byte[]> pdus, String e164Digits) {
        for (byte[] pdu : pdus) {
            for (byte[] spelling : spellings(e164Digits)) {
                if (indexOf(pdu, spelling) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    public static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
