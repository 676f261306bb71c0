package io.maskgate.sip.b2bua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.maskgate.sip.codec.SipDecodeResult;
import io.maskgate.sip.codec.SipHeader;
import io.maskgate.sip.codec.SipMessage;
import io.maskgate.sip.codec.SipParser;
import io.maskgate.sip.policy.HeaderPolicy;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 4028 arithmetic of {@link SessionInterval}: what a 2xx sets and when the B2BUA sends BYE. */
class SessionIntervalTest {

    private static final Duration RFC_FLOOR = B2buaOptions.DEFAULT_MIN_SESSION_INTERVAL;

    @ParameterizedTest(name = "Session-Expires: {0} -> BYE after {1} ms")
    @CsvSource(delimiter = '|', value = {
        // interval/3 below 32 s: BYE at two thirds of the interval
        "90                  | 60000",
        "95;refresher=uas    | 63334",
        // exactly 32 s either way
        "96;refresher=uac    | 64000",
        // above: BYE 32 s before expiry
        "97                  | 65000",
        "1800;refresher=uac  | 1768000",
        "  600 ;refresher=uas| 568000",
        // below the floor: timed as 90 s, never sooner
        "30;refresher=uac    | 60000",
        "1                   | 60000"})
    void byeGoesBeforeExpiryByTheSmallerOf32SecondsAndAThird(String value, long byeAfterMillis) {
        SessionInterval si = SessionInterval.parse(value, RFC_FLOOR).orElseThrow();
        assertEquals(Duration.ofMillis(byeAfterMillis), si.byeAfter().plusNanos(999_999).truncatedTo(
                java.time.temporal.ChronoUnit.MILLIS));
    }

    @Test
    void aSmallMinimumLetsShortIntervalsThrough() {
        SessionInterval si = SessionInterval.parse("3;refresher=uac", Duration.ofSeconds(1)).orElseThrow();
        assertEquals(Duration.ofSeconds(3), si.interval());
        assertEquals(Duration.ofSeconds(2), si.byeAfter());
        assertEquals(Duration.ofSeconds(2), SessionInterval.parse("1", Duration.ofSeconds(2)).orElseThrow().interval());
    }

    @ParameterizedTest(name = "\"{0}\" sets no interval")
    @ValueSource(strings = {"", "abc", "refresher=uac", "0", "0;refresher=uas", "-90", ";90"})
    void unreadableValuesSetNoInterval(String value) {
        assertEquals(Optional.empty(), SessionInterval.parse(value, RFC_FLOOR));
    }

    @Test
    void readFromTheTwoXxIncludingTheCompactForm() {
        assertEquals(Optional.of(new SessionInterval(Duration.ofSeconds(1800))),
                SessionInterval.of(ok("Session-Expires: 1800;refresher=uas"), RFC_FLOOR));
        assertEquals(Optional.of(new SessionInterval(Duration.ofSeconds(120))),
                SessionInterval.of(ok("x: 120;refresher=uac"), RFC_FLOOR));
        assertEquals(Optional.empty(), SessionInterval.of(ok("Supported: timer"), RFC_FLOOR),
                "a 2xx without Session-Expires: the session has no expiry (RFC 4028 section 7.2)");
    }

    @Test
    void theLeadingDigitsCountAsTheHeaderPolicyRelaysThem() {
        assertEquals(Duration.ofSeconds(120), SessionInterval.parse("120abc", RFC_FLOOR).orElseThrow().interval());
        assertEquals(Duration.ofSeconds(1_234_567_890L),
                SessionInterval.parse("12345678901", RFC_FLOOR).orElseThrow().interval());
        // what the interval is read from is what the header policy relays to the other leg
        assertEquals(List.of(new SipHeader("Session-Expires", "120;refresher=uac")),
                HeaderPolicy.create().forResponse(ok("Session-Expires: 120 ;refresher=uac")));
    }

    @Test
    void anIntervalIsPositive() {
        assertThrows(IllegalArgumentException.class, () -> new SessionInterval(Duration.ZERO));
    }

    @Test
    void theMinimumIsAnOptionOfAtLeastOneSecond() {
        assertEquals(Duration.ofSeconds(90), B2buaOptions.create().minSessionInterval());
        assertEquals(Duration.ofSeconds(2),
                B2buaOptions.builder().minSessionInterval(Duration.ofSeconds(2)).build().mutate().build()
                        .minSessionInterval());
        assertThrows(IllegalArgumentException.class,
                () -> B2buaOptions.builder().minSessionInterval(Duration.ofMillis(999)));
    }

    private static SipMessage ok(String header) {
        String head = String.join("\r\n", "SIP/2.0 200 OK", "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-si-1",
                "From: <sip:a@127.0.0.1>;tag=1", "To: <sip:b@127.0.0.1>;tag=2", "Call-ID: si-1@127.0.0.1",
                "CSeq: 2 INVITE", header, "Content-Length: 0", "", "");
        SipDecodeResult r = new SipParser().parse(head.getBytes(StandardCharsets.US_ASCII), new byte[0],
                new InetSocketAddress("127.0.0.1", 5070));
        return assertInstanceOf(SipDecodeResult.Decoded.class, r, r::toString).message();
    }
}
