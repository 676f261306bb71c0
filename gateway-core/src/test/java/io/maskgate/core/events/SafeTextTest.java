package io.maskgate.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SafeTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "+919876543210|+************",
            "9876543210|**********",
            "rider-919876543210|rider-************",
            "call +91 98765 43210 now|call +** ***** ***** now",
            "(080) 4567-8901|(***) ****-****",
            "98.765.432.10|**.***.***.**",
            "id 1234 5678|id **** ****",
    })
    void masksEveryDigitOfANumberLikeRun(String text, String expected) {
        SafeText safe = SafeText.of(text);

        assertEquals(expected, safe.value());
        assertTrue(safe.masked());
        assertTrue(SafeText.looksLikeNumber(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cust-123", "order-1234567", "delivery", "cd-2025-06", "rider 77 and 88", "s-Zm9v", ""})
    void leavesOrdinaryTextAlone(String text) {
        SafeText safe = SafeText.of(text);

        assertEquals(text, safe.value());
        assertFalse(safe.masked());
    }

    @Test
    void digitGroupsFarApartAreSeparateRuns() {
        assertEquals("a 1234 - - 5678 b", SafeText.of("a 1234 - - 5678 b").value());
    }

    @Test
    void constructorRefusesANumber() {
        assertThrows(IllegalArgumentException.class, () -> new SafeText("9876543210", false));
    }
}
