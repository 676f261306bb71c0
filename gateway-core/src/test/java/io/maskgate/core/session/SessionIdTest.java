package io.maskgate.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "0a1b2c3d-AAAAAAAAAAAAAAAAAAAAAA", "order_991-Z",
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"})
    void acceptsOneToSixtyFourCharsOfTheUrlSafeAlphabet(String value) {
        assertEquals(value, new SessionId(value).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "dot.ted", "slash/", "colon:", "brace{", "plus+", "é",
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-x"})
    void refusesAnythingElse(String value) {
        assertThrows(IllegalArgumentException.class, () -> new SessionId(value));
    }
}
