package io.maskgate.server.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void masksNumbersInTheFormsPeopleWriteThemKeepingTheLastTwoDigits() {
        assertEquals("call from +91********78 failed", Redactor.redact("call from +919812345678 failed"));
        assertEquals("to ***** ***78.", Redactor.redact("to 98123 45678."));
        assertEquals("national *********78", Redactor.redact("national 09812345678"));
        assertEquals("a +1 (4**) ***-**67 b", Redactor.redact("a +1 (415) 555-0167 b"));
        assertEquals("x=**********78,y=+91********21", Redactor.redact("x=919812345678,y=+918765432121"));
        assertEquals("(***) ****.**89", Redactor.redact("(022) 2345.6789"));
        assertEquals("+91 *****-***10", Redactor.redact("+91 98765-43210"));
    }

    @Test
    void theMessageConverterUsesTheSameRule() {
        assertEquals(Redactor.redact("from +919812345678"), RedactingMessageConverter.redact("from +919812345678"));
    }

    @Test
    void leavesShortDigitRunsDatesAndAddressesAlone() {
        String text = "port 8080, session abc-123, status 503, took 1200 ms, expires 2026-11-26T01:00:00Z, "
                + "trunk 192.168.100.200:5060, at 2026-11-26 10:11";
        assertEquals(text, Redactor.redact(text));
        assertNull(Redactor.redact(null));
    }
}
