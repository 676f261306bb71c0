package io.maskgate.sip.auth;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.maskgate.sip.codec.SipDecodeResult;
import io.maskgate.sip.codec.SipMessage;
import io.maskgate.sip.codec.SipParser;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The SIP messages the digest tests of both sides exchange, parsed by the gateway's own parser. */
final class DigestTestMessages {

    /** The Request-URI of {@link #invite}, which answers must cover. */
    static final String URI = "sip:+918000000001@127.0.0.1:5060;user=phone";

    private DigestTestMessages() {
    }

    /** An INVITE to {@link #URI} carrying {@code authorizations} as Proxy-Authorization headers. */
    static SipMessage invite(List<String> authorizations) {
        StringBuilder text = new StringBuilder("INVITE " + URI + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5099;branch=z9hG4bK-auth-1\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:+919800000001@127.0.0.1>;tag=a1\r\n"
                + "To: <sip:+918000000001@127.0.0.1>\r\n"
                + "Call-ID: auth-1\r\n"
                + "CSeq: 2 INVITE\r\n"
                + "Contact: <sip:carrier@127.0.0.1:5099>\r\n");
        authorizations.forEach(a -> text.append("Proxy-Authorization: ").append(a).append("\r\n"));
        return parse(text.append("Content-Length: 0\r\n\r\n").toString());
    }

    /** A response {@code status} to an INVITE, with {@code headers} ("Name: value") added. */
    static SipMessage response(int status, String... headers) {
        StringBuilder text = new StringBuilder("SIP/2.0 " + status + " Challenge\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5099;branch=z9hG4bK-auth-1\r\n"
                + "From: <sip:+919800000001@127.0.0.1>;tag=a1\r\n"
                + "To: <sip:+918000000001@127.0.0.1>;tag=t1\r\n"
                + "Call-ID: auth-1\r\n"
                + "CSeq: 1 INVITE\r\n");
        for (String h : headers) {
            text.append(h).append("\r\n");
        }
        return parse(text.append("Content-Length: 0\r\n\r\n").toString());
    }

    private static SipMessage parse(String text) {
        byte[] head = text.getBytes(StandardCharsets.ISO_8859_1);
        return assertInstanceOf(SipDecodeResult.Decoded.class,
                new SipParser().parse(head, new byte[0], new InetSocketAddress("127.0.0.1", 5099))).message();
    }
}
