package io.maskgate.sip.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.sip.screen.InboundScreen;
import io.maskgate.sip.screen.ScreenVerdict;
import io.maskgate.sip.testing.Rfc4475Corpus;
import io.maskgate.sip.testing.Rfc4475Corpus.Outcome;
import io.netty.buffer.Unpooled;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every RFC 4475 message through the UDP decoder, the parser and validator, and the screens:
 * the outcome must be the one {@link Rfc4475Corpus#UDP_OUTCOMES} lists for the file, and a
 * rejection must render as a well-formed response that the codec itself accepts.
 */
class Rfc4475CorpusTest {

    private static final InetSocketAddress SENDER = new InetSocketAddress("127.0.0.1", 5062);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 5060);

    private final InboundScreen screen = InboundScreen.create();

    static Stream<Rfc4475Corpus.Entry> indexRows() {
        return Rfc4475Corpus.index().stream();
    }

    @Test
    void tableCoversEveryFileOfTheCorpusAndEveryIndexRow() {
        File dir = new File(Objects.requireNonNull(getClass().getResource("/rfc4475/")).getFile());
        Set<String> files = Arrays.stream(Objects.requireNonNull(dir.list()))
                .filter(f -> f.endsWith(".dat")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(files, new TreeSet<>(Rfc4475Corpus.UDP_OUTCOMES.keySet()));
        Set<String> indexed = Rfc4475Corpus.index().stream().map(Rfc4475Corpus.Entry::file).collect(Collectors.toSet());
        assertEquals(49, indexed.size());
        assertTrue(files.containsAll(indexed));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("indexRows")
    void invalidMessagesAreNeverPassedOnAndValidOnesAre(Rfc4475Corpus.Entry row) {
        Outcome expected = Rfc4475Corpus.UDP_OUTCOMES.get(row.file());
        if (row.rfcClass().equals("invalid")) {
            assertNotEquals(Outcome.Kind.PASS, expected.kind(), row.expectation());
        }
        if (row.rfcClass().equals("valid") || row.rfcClass().equals("backward")) {
            assertEquals(Outcome.Kind.PASS, expected.kind(), row.expectation());
        }
    }

    static Stream<String> files() {
        return Rfc4475Corpus.allFiles().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void eachFileGetsItsOutcomeOverUdp(String file) {
        EmbeddedChannel channel = new EmbeddedChannel(new SipDatagramDecoder(new SipParser()));
        assertTrue(channel.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(Rfc4475Corpus.load(file)),
                LOCAL, SENDER)));
        AddressedEnvelope<SipDecodeResult, InetSocketAddress> envelope = channel.readInbound();
        assertEquals(SENDER, envelope.sender());
        SipDecodeResult result = envelope.content();
        ScreenVerdict verdict = screen.screen(result);
        assertEquals(Rfc4475Corpus.UDP_OUTCOMES.get(file), outcomeOf(verdict), () -> file + " -> " + verdict + " "
                + (result instanceof SipDecodeResult.Malformed m ? m.reason() : ""));
        if (verdict instanceof ScreenVerdict.Reject reject) {
            assertReplyIsWellFormed(result, reject);
        }
        assertFalse(channel.finish());
    }

    private static Outcome outcomeOf(ScreenVerdict verdict) {
        if (verdict instanceof ScreenVerdict.Reject r) {
            return Outcome.reject(r.statusCode());
        }
        return verdict instanceof ScreenVerdict.Drop ? Outcome.drop() : Outcome.pass();
    }

    /** The reply we would send parses, carries the status, a To tag and the received stamp. */
    private static void assertReplyIsWellFormed(SipDecodeResult result, ScreenVerdict.Reject reject) {
        byte[] wire = result instanceof SipDecodeResult.Decoded d
                ? SipEncoder.encodeToBytes(d.message().createResponse(reject.statusCode(), reject.reasonPhrase(),
                        reject.extraHeaders()))
                : ((SipDecodeResult.Malformed) result).reply().orElseThrow()
                        .render(reject.statusCode(), reject.reasonPhrase(), reject.extraHeaders());
        String text = new String(wire, StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("SIP/2.0 " + reject.statusCode() + " "), text);
        assertTrue(text.contains("received=127.0.0.1"), text);
        assertTrue(text.endsWith("Content-Length: 0\r\n\r\n"), text);
        if (reject.statusCode() == 420) {
            assertTrue(text.replace(" ", "").contains("Unsupported:nothingSupportsThis,nothingSupportsThisEither,"
                    + "noProxiesSupportThis,norDoAnyProxiesSupportThis\r\n"), text);
        }
        if (reject.statusCode() == 415) {
            assertTrue(text.contains("Accept: application/sdp\r\n"), text);
        }
        List<String> toLines = text.lines().filter(l -> l.regionMatches(true, 0, "To:", 0, 3)).toList();
        toLines.forEach(l -> assertTrue(l.contains("tag="), text));
    }

    @Test
    void dblreqYieldsOnlyTheFirstMessage() {
        EmbeddedChannel channel = new EmbeddedChannel(new SipDatagramDecoder(new SipParser()));
        channel.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(Rfc4475Corpus.load("dblreq.dat")), LOCAL,
                SENDER));
        AddressedEnvelope<SipDecodeResult, InetSocketAddress> envelope = channel.readInbound();
        SipMessage message = assertInstanceOf(SipDecodeResult.Decoded.class, envelope.content()).message();
        assertEquals("REGISTER", message.method());
        assertEquals(0, message.bodyLength());
        assertFalse(channel.finish());
    }
}
