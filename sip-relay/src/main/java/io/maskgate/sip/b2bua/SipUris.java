package io.maskgate.sip.b2bua;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Takes the telephone number out of a SIP or tel URI as carriers write it: the user part of a
 * {@code sip:}/{@code sips:} URI (RFC 3261 section 19.1.1) or the number of a {@code tel:} URI
 * (RFC 3966), without user parameters ({@code ;npdi}, {@code ;rn=}, {@code ;phone-context=}),
 * password, or escapes. Visual separators are left for {@code NumberNormalizer}, which skips them.
 */
final class SipUris {

    /** Longer than any user part a number could have: refuse before copying. */
    private static final int MAX_URI = 512;

    private SipUris() {
    }

    /**
     * The number in a name-addr or addr-spec ({@code "Bob" <sip:+9198...@host;user=phone>;tag=1},
     * {@code sip:+9198...@host}, {@code <tel:+91-98...;npdi>}). Empty when there is no user part.
     */
    static Optional<String> userPart(String value) {
        if (value == null || value.length() > MAX_URI) {
            return Optional.empty();
        }
        String uri = value;
        int lt = uri.indexOf('<');
        if (lt >= 0) {
            int gt = uri.indexOf('>', lt);
            if (gt < 0) {
                return Optional.empty();
            }
            uri = uri.substring(lt + 1, gt);
        }
        uri = uri.strip();
        String lower = uri.toLowerCase(Locale.ROOT);
        if (lower.startsWith("tel:")) {
            return nonEmpty(decode(cut(uri.substring(4), ";?>")));
        }
        int colon = uri.indexOf(':');
        if (colon < 0 || !(lower.startsWith("sip:") || lower.startsWith("sips:"))) {
            return Optional.empty();
        }
        String rest = uri.substring(colon + 1);
        int at = rest.lastIndexOf('@');
        if (at < 0) {
            return Optional.empty();
        }
        return nonEmpty(decode(cut(rest.substring(0, at), ";:")));
    }

    /**
     * The URI of a name-addr or addr-spec header value: the text inside {@code <>}, or for a bare
     * addr-spec everything before its first ';' (RFC 3261 section 20: parameters after a bare
     * addr-spec are header parameters).
     */
    static Optional<String> uri(String value) {
        if (value == null || value.length() > MAX_URI) {
            return Optional.empty();
        }
        int lt = value.indexOf('<');
        if (lt >= 0) {
            int gt = value.indexOf('>', lt);
            return gt < 0 ? Optional.empty() : nonEmpty(value.substring(lt + 1, gt));
        }
        return nonEmpty(cut(value, ";,"));
    }

    /** A header value without its {@code tag} parameter (the parameters after the URI). */
    static String withoutTag(String value) {
        int gt = value.lastIndexOf('>');
        String head = gt < 0 ? "" : value.substring(0, gt + 1);
        String params = gt < 0 ? value : value.substring(gt + 1);
        return head + TAG.matcher(params).replaceAll("");
    }

    private static final Pattern TAG = Pattern.compile("(?i);\\s*tag\\s*=\\s*[^;\\s]*");

    /**
     * The host and port of a SIP URI ({@code sip:user@host:port;params}) when the host is an IP
     * literal; when no port is given, 5061 for a sips: URI or {@code ;transport=tls} and 5060 otherwise
     * (RFC 3263 section 4.2).
     *
     * <p>Names are not resolved here: that would block an event loop on DNS. The URI comes from a
     * peer (its Contact or Record-Route), so the host must be a literal by the strict grammar of
     * RFC 3261 section 25.1 (IPv4address, or an IPv6reference in brackets), checked without
     * {@link InetAddress#getByName}: that one resolves anything it cannot parse as a literal,
     * {@code 999.1.1.1} or {@code [dead.beef]} included.
     */
    static Optional<InetSocketAddress> ipHostPort(String uri) {
        if (uri == null || uri.length() > MAX_URI) {
            return Optional.empty();
        }
        int colon = uri.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String rest = uri.substring(colon + 1);
        int at = rest.lastIndexOf('@');
        rest = cut(at < 0 ? rest : rest.substring(at + 1), ";?>");
        String host;
        String port;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            host = rest.substring(1, close);
            port = rest.length() > close + 1 && rest.charAt(close + 1) == ':' ? rest.substring(close + 2) : "";
        } else {
            int c = rest.indexOf(':');
            host = c < 0 ? rest : rest.substring(0, c);
            port = c < 0 ? "" : rest.substring(c + 1);
        }
        // one parse: null for anything but a literal; the length says which family it was, and
        // brackets must hold an IPv6 address, a bare host an IPv4 one
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(host);
        if (literal == null || literal.length != (rest.startsWith("[") ? 16 : 4)) {
            return Optional.empty();
        }
        try {
            int p = port.isEmpty() ? defaultPort(uri) : Integer.parseInt(port);
            return p < 1 || p > 65535 ? Optional.empty()
                    : Optional.of(new InetSocketAddress(InetAddress.getByAddress(literal), p));
        } catch (NumberFormatException | UnknownHostException e) {
            return Optional.empty(); // UnknownHostException: never, for 4 or 16 bytes
        }
    }

    private static int defaultPort(String uri) {
        String lower = uri.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("sips:") || lower.contains(";transport=tls") ? 5061 : 5060;
    }

    private static String cut(String s, String stops) {
        for (int i = 0; i < s.length(); i++) {
            if (stops.indexOf(s.charAt(i)) >= 0) {
                return s.substring(0, i);
            }
        }
        return s;
    }

    private static Optional<String> nonEmpty(String s) {
        return s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }

    /** RFC 3261 section 19.1.2: user parts may be escaped ({@code %2B} for '+'). */
    private static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        byte[] out = new byte[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0
                    && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out[n++] = (byte) Integer.parseInt(s.substring(i + 1, i + 3), 16);
                i += 2;
            } else {
                out[n++] = (byte) c;
            }
        }
        return new String(out, 0, n, StandardCharsets.ISO_8859_1);
    }
}
