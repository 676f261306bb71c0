package io.maskgate.core.number;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.maskgate.core.number.InvalidNumberException.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class NumberNormalizerTest {

    private final NumberNormalizer india = new NumberNormalizer("91");
    private final NumberNormalizer uk = new NumberNormalizer("44");

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "+919812345678        | +919812345678",
            "00919812345678       | +919812345678",
            "919812345678         | +919812345678",
            "09812345678          | +919812345678",
            "9812345678           | +919812345678",
            "+91 98123 45678      | +919812345678",
            "+91-98123-45678      | +919812345678",
            "(+91) 98123.45678    | +919812345678",
            "098 1234 5678        | +919812345678",
            "+1 (212) 555-0100    | +12125550100",
            "+447911123456        | +447911123456",
            "0044 7911 123456     | +447911123456",
            "+49301234567         | +49301234567",
            "+861234567890123     | +861234567890123"})
    void acceptsIndianDefaults(String raw, String e164) {
        assertEquals(PhoneNumber.ofE164(e164), india.normalize(raw));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "07911123456          | +447911123456",
            "447911123456         | +447911123456",
            "7911123456           | +447911123456"})
    void countryWithoutLengthRule(String raw, String e164) {
        assertEquals(PhoneNumber.ofE164(e164), uk.normalize(raw));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "98123abc78           | BAD_CHARACTERS",
            "tel:+919812345678    | BAD_CHARACTERS",
            "+91+9812345678       | BAD_CHARACTERS",
            "98123_45678          | BAD_CHARACTERS",
            "9812345678#          | BAD_CHARACTERS",
            "+9198123456          | TOO_SHORT",
            "981234567            | TOO_SHORT",
            "+4912345             | TOO_SHORT",
            "+9198123456789       | TOO_LONG",
            "+1234567890123456    | TOO_LONG",
            "91981234567          | TOO_LONG",
            "+0919812345678       | BAD_COUNTRY_CODE",
            "000919812345678      | BAD_COUNTRY_CODE",
            "+9109812345678       | LEADING_ZERO",
            "+910981234567        | LEADING_ZERO",
            "00                   | TOO_SHORT"})
    void refuses(String raw, Reason reason) {
        InvalidNumberException e = assertThrows(InvalidNumberException.class, () -> india.normalize(raw));
        assertEquals(reason, e.reason());
        // The message is fixed text plus the reason: nothing of the input can be in it.
        assertEquals("invalid phone number: " + reason, e.getMessage());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", " - ( ) .", "+"})
    void refusesEmpty(String raw) {
        assertEquals(Reason.EMPTY, assertThrows(InvalidNumberException.class, () -> india.normalize(raw)).reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "9a", "1234", "+91"})
    void refusesBadDefaultCountryCode(String cc) {
        assertThrows(IllegalArgumentException.class, () -> new NumberNormalizer(cc));
    }
}
