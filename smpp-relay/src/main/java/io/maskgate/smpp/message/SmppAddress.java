package io.maskgate.smpp.message;

import java.util.Objects;

/**
 * An SMPP address: type of number, numbering plan indicator and the digits (SMPP 3.4 sections
 * 5.2.5, 5.2.6, 5.2.8). It usually holds a phone number, so {@link #toString()} masks it.
 */
public record SmppAddress(byte ton, byte npi, String address) {
    /** TON international (SMPP 3.4 section 5.2.5). */
    public static final byte TON_INTERNATIONAL = 1;
    /** NPI ISDN / E.164 (SMPP 3.4 section 5.2.6). */
    public static final byte NPI_E164 = 1;
    /** source_addr / destination_addr are C-Octet Strings of at most 21 octets incl. the NUL. */
    public static final int MAX_ADDRESS_LENGTH = 20;

    public SmppAddress {
        Objects.requireNonNull(address, "address");
        if (address.length() > MAX_ADDRESS_LENGTH) {
            throw new IllegalArgumentException("address longer than " + MAX_ADDRESS_LENGTH + " characters");
        }
    }

    /** International E.164 address from digits without the {@code +}. */
    public static SmppAddress international(String digits) {
        return new SmppAddress(TON_INTERNATIONAL, NPI_E164, digits);
    }

    /**
     * The address as a number spelling for the normaliser: international numbers get their
     * {@code +} back (SMPP carries them without it); other TONs go as received.
     */
    public String asDialString() {
        if (ton == TON_INTERNATIONAL && !address.isEmpty() && address.charAt(0) != '+') {
            return "+" + address;
        }
        return address;
    }

    /** Keeps the first three and the last two characters. */
    public static String mask(String s) {
        int n = s.length();
        if (n <= 6) {
            return "*".repeat(n);
        }
        return s.substring(0, 3) + "*".repeat(n - 5) + s.substring(n - 2);
    }

    @Override
    public String toString() {
        return "SmppAddress[ton=" + ton + ", npi=" + npi + ", address=" + mask(address) + "]";
    }
}
