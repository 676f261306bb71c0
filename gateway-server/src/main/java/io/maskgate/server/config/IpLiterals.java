package io.maskgate.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IP address literals and address blocks as conf writes them, parsed without ever asking DNS: a
 * conf value that looks like a host name is refused, not resolved (a trunk or an ACL that changes
 * with DNS is not what ops reviewed).
 */
final class IpLiterals {

    private static final Pattern V4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private IpLiterals() {
    }

    /** {@code 192.0.2.1} or {@code 2001:db8::1} (no brackets, no zone); empty for anything else. */
    static Optional<InetAddress> address(String text) {
        Matcher v4 = V4.matcher(text);
        if (v4.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(v4.group(i + 1));
                if (octet > 255) {
                    return Optional.empty();
                }
                bytes[i] = (byte) octet;
            }
            return Optional.of(byAddress(bytes));
        }
        if (!V6.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            // Brackets make the JDK parse an IPv6 literal or fail, never fall back to a lookup.
            return Optional.of(InetAddress.getByName("[" + text + "]"));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** A block {@code address/prefix}, or one address; the address bytes and prefix length, or empty. */
    static Optional<Block> block(String text) {
        int slash = text.indexOf('/');
        Optional<InetAddress> address = address(slash < 0 ? text : text.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = address.get().getAddress();
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            String digits = text.substring(slash + 1);
            if (!digits.matches("\\d{1,3}") || Integer.parseInt(digits) > prefix) {
                return Optional.empty();
            }
            prefix = Integer.parseInt(digits);
        }
        return Optional.of(new Block(bytes, prefix));
    }

    /** An address block: 4 or 16 address bytes and a prefix length within them. */
    record Block(byte[] address, int prefixLength) {
    }

    private static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always an address", e);
        }
    }
}
