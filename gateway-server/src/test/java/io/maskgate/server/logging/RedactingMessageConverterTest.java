package io.maskgate.server.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RedactingMessageConverterTest {

    @Test
    void masksNumbersInTheFormsPeopleWriteThem() {
        assertEquals("call from +91********78 failed", RedactingMessageConverter.redact("call from +919812345678 failed"));
        assertEquals("to 981******78.", RedactingMessageConverter.redact("to 98123 45678."));
        assertEquals("a +1 ************67 b", RedactingMessageConverter.redact("a +1 (415) 555-0167 b"));
        assertEquals("x=919*******78,y=+91********21",
                RedactingMessageConverter.redact("x=919812345678,y=+918765432121"));
    }

    @Test
    void leavesShortDigitRunsAndTextAlone() {
        String text = "port 8080, session abc-123, status 503, took 1200 ms, expires 2026-11-26T01:00:00Z";
        assertEquals(text, RedactingMessageConverter.redact(text));
        assertEquals(null, RedactingMessageConverter.redact(null));
    }
}
