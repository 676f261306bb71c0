package io.maskgate.sip.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.core.number.PhoneNumber;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LeakPatternTest {

    private static final LeakPattern CALLER = LeakPattern.of(PhoneNumber.ofE164("+919812345678"), "91");

    @ParameterizedTest(name = "finds {0}")
    @ValueSource(strings = {"+919812345678", "919812345678", "09812345678", "9812345678", "00919812345678",
        "%2B919812345678", "%2b919812345678", "+91 98123 45678", "+91-98123-45678", "(0)98.123.456.78",
        "%39%38%31%32%33%34%35%36%37%38", "sip:+919812345678@host;user=phone", "x9812345678x",
        "99812345678", "%2G9812345678", "o=9812345678 1 1 IN IP4 127.0.0.1"})
    void findsEveryCommonSpelling(String text) {
        assertTrue(CALLER.foundIn(bytes("Header: " + text + "\r\n")), text);
    }

    @ParameterizedTest(name = "not in {0}")
    @ValueSource(strings = {"+918800001111", "981234567", "98123/45678", "98123a45678", "812345678",
        "o=- 2890844526 2890842807 IN IP4 127.0.0.1", "9812345679"})
    void ignoresOtherDigits(String text) {
        assertFalse(CALLER.foundIn(bytes(text)), text);
    }

    @Test
    void needleIsTheNationalNumberForKnownCountriesAndAllDigitsOtherwise() {
        assertEquals(10, CALLER.needleLength());
        assertEquals(10, LeakPattern.of(PhoneNumber.ofE164("+14155550123"), "91").needleLength());
        assertEquals(10, LeakPattern.of(PhoneNumber.ofE164("+447911123456"), "44").needleLength());
        assertEquals(12, LeakPattern.of(PhoneNumber.ofE164("+447911123456"), "91").needleLength());
    }

    @Test
    void matchesAcrossTheBoundsGivenOnly() {
        byte[] b = bytes("..9812345678..");
        assertTrue(CALLER.foundIn(b, 2, 12));
        assertFalse(CALLER.foundIn(b, 3, 14));
    }

    @Test
    void aNeedleThatOverlapsItselfIsFoundAfterAFalseStart() {
        // KMP: after "9898989" fails on the next digit, the match resumes inside what was read
        LeakPattern repetitive = LeakPattern.of(PhoneNumber.ofE164("+919898989812"), "91");
        assertTrue(repetitive.foundIn(bytes("989898989898989812")));
        assertFalse(repetitive.foundIn(bytes("98989898989898981")));
    }

    @Test
    void anAllDigitsPatternFindsTheWholeNumberOnly() {
        LeakPattern foreign = LeakPattern.of(PhoneNumber.ofE164("+447911123456"), "91");
        assertTrue(foreign.foundIn(bytes("sip:+447911123456@h")));
        assertFalse(foreign.foundIn(bytes("sip:07911123456@h")));
    }

    @Test
    void knowsTheNumberItWasMadeOf() {
        assertEquals(PhoneNumber.ofE164("+919812345678"), CALLER.number());
        assertEquals(PhoneNumber.ofE164("+447911123456"),
                LeakPattern.of(PhoneNumber.ofE164("+447911123456"), "91").number());
    }

    @Test
    void toStringIsMasked() {
        assertFalse(CALLER.toString().contains("12345"), CALLER.toString());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
