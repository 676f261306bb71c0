package io.maskgate.sip.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.parser.StringMsgParser;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** jain-sip's shared parser debug counter, and the guard that keeps it near zero. */
class ParserDepthGuardTest {

    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 5060);
    private static final byte[] RINGING = ("SIP/2.0 180 Ringing\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKdepth1\r\n"
            + "From: <sip:+918000000162@127.0.0.1:5070>;tag=a1\r\n"
            + "To: <sip:+919800000075@127.0.0.1:5080>;tag=b2\r\n"
            + "Call-ID: depth-1\r\n"
            + "CSeq: 1 INVITE\r\n"
            + "Contact: <sip:127.0.0.1:5080>\r\n"
            + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    private final SipParser parser = new SipParser();

    @AfterEach
    void resetCounter() throws Exception {
        level().setInt(null, 0);
    }

    @Test
    void theShippedJainSipHasTheCounter() {
        assertTrue(ParserDepthGuard.active(), "jain-sip's ParserCore.nesting_level is where the guard looks");
    }

    @Test
    void jainSipAloneLeavesADriftedCounterWhereItIs() throws Exception {
        level().setInt(null, 10_000);
        new StringMsgParser().parseSIPMessage(RINGING, false, false, null);
        assertEquals(10_000, level().getInt(null),
                "if this fails, jain-sip no longer moves the counter and the guard may go");
    }

    @Test
    void aParseBringsADriftedCounterBackToZero() throws Exception {
        level().setInt(null, 10_000);
        assertInstanceOf(SipDecodeResult.Decoded.class, parser.parse(RINGING, new byte[0], PEER));
        assertEquals(0, level().getInt(null));
    }

    @Test
    void aCounterDriftedBelowZeroIsResetToo() throws Exception {
        level().setInt(null, -1_000_000);
        parser.parse(RINGING, new byte[0], PEER);
        assertEquals(0, level().getInt(null));
    }

    @Test
    void aSmallDriftIsLeftAlone() throws Exception {
        level().setInt(null, ParserDepthGuard.BAND);
        parser.parse(RINGING, new byte[0], PEER);
        assertEquals(ParserDepthGuard.BAND, level().getInt(null), "each parse moves it up and back down by the same");
    }

    @Test
    void aMessageThatDoesNotParseStillResetsIt() throws Exception {
        level().setInt(null, 10_000);
        byte[] badTo = new String(RINGING, StandardCharsets.US_ASCII).replace("To: <sip:", "To: <<sip:")
                .getBytes(StandardCharsets.US_ASCII);
        assertInstanceOf(SipDecodeResult.Malformed.class, parser.parse(badTo, new byte[0], PEER));
        assertEquals(0, level().getInt(null));
    }

    /** Two threads parsing at once, as the two SIP loops do; a third watches the counter throughout. */
    @Test
    void twoParsingThreadsKeepItNearZero() throws Exception {
        int perThread = 30_000;
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger widest = new AtomicInteger();
        List<Thread> parsers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            Thread th = new Thread(() -> {
                awaitQuietly(start);
                for (int i = 0; i < perThread; i++) {
                    parser.parse(RINGING, new byte[0], PEER);
                }
            });
            th.start();
            parsers.add(th);
        }
        Field level = level();
        Thread watcher = new Thread(() -> {
            while (!done.get()) {
                try {
                    widest.accumulateAndGet(Math.abs(level.getInt(null)), Math::max);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        watcher.start();
        start.countDown();
        for (Thread th : parsers) {
            th.join();
        }
        done.set(true);
        watcher.join();
        // between one thread's check and its next, the other can move it by a few headers' worth
        assertTrue(widest.get() <= 2 * ParserDepthGuard.BAND, "widest drift seen: " + widest.get());
    }

    private static Field level() throws Exception {
        Field f = Class.forName("gov.nist.core.ParserCore").getDeclaredField("nesting_level");
        f.setAccessible(true);
        return f;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
