package io.maskgate.sip.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.sip.transport.SipTransportOptions;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The start-up warm-up parses what a relayed call delivers, and all of it parses. */
class ParserWarmUpTest {

    @Test
    void everyMessageOfTheWarmUpCallParses() {
        assertEquals(0, ParserWarmUp.run(new SipParser(), 3));
    }

    @Test
    void theCallIsTheSevenMessagesARelayedCallDelivers() {
        List<byte[][]> call = ParserWarmUp.callMessages();
        assertEquals(7, call.size());
        SipParser parser = new SipParser();
        InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 5060);
        List<String> shapes = call.stream().map(m -> {
            SipMessage parsed = assertInstanceOf(SipDecodeResult.Decoded.class, parser.parse(m[0], m[1], peer)).message();
            return parsed.isRequest() ? parsed.method() : Integer.toString(parsed.statusCode());
        }).toList();
        assertEquals(List.of("INVITE", "100", "180", "200", "ACK", "BYE", "200"), shapes);
        assertTrue(call.get(0)[1].length > 0, "the INVITE carries SDP");
        assertTrue(call.get(3)[1].length > 0, "the 200 carries SDP");
    }

    @Test
    void aNegativeCountIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SipTransportOptions.builder().parserWarmUpCalls(-1));
        assertEquals("parserWarmUpCalls must be >= 0", e.getMessage());
    }

    @Test
    void theLibraryDefaultIsNoWarmUp() {
        assertEquals(0, SipTransportOptions.create().parserWarmUpCalls());
        assertEquals(25, SipTransportOptions.builder().parserWarmUpCalls(25).build().mutate().build().parserWarmUpCalls());
    }
}
