package io.maskgate.core.number;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumberTest {

    @Test
    void masksAllButPrefixAndLastTwo() {
        PhoneNumber n = PhoneNumber.ofE164("+919812345678");
        assertEquals("+9198******78", n.masked());
        assertEquals("PhoneNumber[+9198******78]", n.toString());
        assertFalse(n.toString().contains("12345678"));
        assertEquals("919812345678", n.digits());
    }

    @ParameterizedTest
    @ValueSource(strings = {"919812345678", "+0919812345678", "+1234567", "+1234567890123456", "+91981234567a"})
    void refusesNonE164WithoutEchoingIt(String s) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PhoneNumber.ofE164(s));
        assertFalse(e.getMessage().contains(s.substring(Math.max(0, s.length() - 8), s.length() - 2)),
                e.getMessage());
    }
}
