package io.maskgate.sip.testing;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small helpers for socket tests: a valid OPTIONS and reading fields of raw responses. */
public final class SipProbe {

    private static final Pattern CALL_ID = Pattern.compile("(?im)^(?:call-id|i)[ \\t]*:[ \\t]*(\\S+)");

    private SipProbe() {
    }

    public static byte[] options(String callId, String viaHostPort, String transport) {
        return options(callId, viaHostPort, transport, "");
    }

    /** As {@link #options(String, String, String)} with {@code extraHeaderLines} (each ending in CRLF) before Content-Length. */
    public static byte[] options(String callId, String viaHostPort, String transport, String extraHeaderLines) {
        return ("OPTIONS sip:gw@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " " + viaHostPort + ";branch=z9hG4bK-" + callId + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:probe@127.0.0.1>;tag=p1\r\n"
                + "To: <sip:gw@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + extraHeaderLines
                + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The Call-ID of a raw message, or "" when it has none. */
    public static String callId(byte[] message) {
        Matcher m = CALL_ID.matcher(new String(message, StandardCharsets.ISO_8859_1));
        return m.find() ? m.group(1) : "";
    }

    /** The status code of a raw response's Status-Line. */
    public static int status(String response) {
        return Integer.parseInt(response.substring(8, 11));
    }
}
