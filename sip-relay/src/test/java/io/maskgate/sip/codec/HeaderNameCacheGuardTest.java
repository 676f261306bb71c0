package io.maskgate.sip.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.parser.StringMsgParser;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** jain-sip's process-wide header-name cache, and the bound this project puts on it. */
class HeaderNameCacheGuardTest {

    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 5060);

    private final SipParser parser = new SipParser();

    /** An OPTIONS carrying one extension header whose name no one has sent before. */
    private static byte[] withHeaderNamed(String name) {
        return ("OPTIONS sip:gateway@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-" + name + "\r\n"
                + "From: <sip:probe@127.0.0.1>;tag=1\r\n"
                + "To: <sip:gateway@127.0.0.1>\r\n"
                + "Call-ID: names-" + name + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Max-Forwards: 70\r\n"
                + name + ": 42\r\n"
                + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void theShippedJainSipHasTheCache() {
        assertTrue(HeaderNameCacheGuard.active(), "jain-sip's SIPHeaderNamesCache.lowercaseMap is where the guard looks");
    }

    @Test
    void jainSipAloneKeepsEveryNewName() throws Exception {
        int before = HeaderNameCacheGuard.size();
        for (int i = 0; i < 100; i++) {
            new StringMsgParser().parseSIPMessage(withHeaderNamed("X-Alone-" + i), false, false, null);
        }
        assertTrue(HeaderNameCacheGuard.size() >= before + 100,
                "if this fails, jain-sip no longer keeps every name and the guard may go");
    }

    @Test
    void freshNamesWithoutEndLeaveTheCacheBounded() {
        int widest = 0;
        for (int i = 0; i < 3 * HeaderNameCacheGuard.MAX_ENTRIES; i++) {
            assertTrue(parser.parse(withHeaderNamed("X-Flood-" + Integer.toHexString(i)), new byte[0], PEER)
                    instanceof SipDecodeResult.Decoded);
            widest = Math.max(widest, HeaderNameCacheGuard.size());
        }
        assertTrue(widest <= HeaderNameCacheGuard.MAX_ENTRIES, "widest cache seen: " + widest);
    }

    @Test
    void messagesReadTheSameAfterTheCacheWasEmptied() {
        for (int i = 0; i <= HeaderNameCacheGuard.MAX_ENTRIES; i++) {
            parser.parse(withHeaderNamed("X-Fill-" + i), new byte[0], PEER);
        }
        assertTrue(HeaderNameCacheGuard.size() <= HeaderNameCacheGuard.MAX_ENTRIES);

        SipDecodeResult r = parser.parse(withHeaderNamed("X-Order-Ref"), new byte[0], PEER);
        SipMessage m = ((SipDecodeResult.Decoded) r).message();
        assertEquals(List.of("42"), m.headerValues("X-Order-Ref"));
        assertEquals(List.of("42"), m.headerValues("x-order-ref"));
        assertEquals(Optional.of("names-X-Order-Ref"), m.callId());
        assertEquals("OPTIONS", m.method());
        assertEquals(1, m.vias().size());
        assertEquals(List.of("70"), m.headerValues("Max-Forwards"));
    }
}
