package io.maskgate.sip.carrier;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An address block in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, or one address
 * without a prefix length), for the carrier ACL and the named carriers. IPv4 blocks never match IPv6 addresses and the
 * other way round, except that an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) is matched as
 * the IPv4 address it maps (dual-stack sockets report IPv4 peers that way).
 *
 * @param network the block's address bytes, host bits cleared (4 or 16 bytes)
 * @param prefixLength the number of leading bits that must match
 */
public record Cidr(byte[] network, int prefixLength) {

    public Cidr {
        Objects.requireNonNull(network, "network");
        if (network.length != 4 && network.length != 16) {
            throw new IllegalArgumentException("network must be 4 or 16 bytes");
        }
        if (prefixLength < 0 || prefixLength > network.length * 8) {
            throw new IllegalArgumentException("prefix length out of range");
        }
        network = mask(network.clone(), prefixLength);
    }

    /**
     * Parses {@code address[/prefix]}. Only IP literals are accepted: a host name would mean a
     * DNS lookup at start and an ACL that changes with DNS.
     */
    public static Cidr parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.strip();
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        if (addr.isEmpty() || !addr.matches("[0-9A-Fa-f:.]+")) {
            throw new IllegalArgumentException("not an IP address block: " + text);
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(addr).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address block: " + text, e);
        }
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in " + text, e);
            }
        }
        return new Cidr(bytes, prefix);
    }

    public boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    /**
     * The same for an address's bytes (4 or 16), which are read, not changed: a caller matching
     * one source against many blocks takes them from the {@link InetAddress} once (each
     * {@code getAddress()} is a copy).
     */
    public boolean contains(byte[] address) {
        int offset = 0;
        if (address.length == 16 && network.length == 4) {
            if (!isV4Mapped(address)) {
                return false;
            }
            offset = 12;
        } else if (address.length != network.length) {
            return false;
        }
        int whole = prefixLength / 8;
        for (int i = 0; i < whole; i++) {
            if (address[offset + i] != network[i]) {
                return false;
            }
        }
        int bits = prefixLength % 8;
        if (bits == 0) {
            return true;
        }
        int mask = (0xff << (8 - bits)) & 0xff;
        return (address[offset + whole] & mask) == (network[whole] & 0xff);
    }

    /** True when any of {@code blocks} holds {@code address} (its bytes, read, not changed). */
    public static boolean anyContains(List<Cidr> blocks, byte[] address) {
        for (Cidr block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** True when every address of {@code other} is in this block (same family; this prefix no longer). */
    public boolean covers(Cidr other) {
        return other.network.length == network.length && other.prefixLength >= prefixLength
                && Arrays.equals(mask(other.network.clone(), prefixLength), network);
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        for (int i = 0; i < bytes.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            bytes[i] &= (byte) (0xff << (8 - bits));
        }
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefixLength == prefixLength && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefixLength;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
