package io.maskgate.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written session id check agrees with the pattern it replaced. */
class PrivacyKeysSessionIdTest {
    private static final Pattern SESSION_ID = Pattern.compile("[0-9a-f]{8}-[A-Za-z0-9_-]{22}");

    @ParameterizedTest
    @ValueSource(strings = {"0a1b2c3d-AbCdEfGhIjKlMnOpQrSt_-", "ffffffff-0123456789abcdefghijkl", "00000000-______________________",
            "0A1b2c3d-AbCdEfGhIjKlMnOpQrSt_-", "0a1b2c3g-AbCdEfGhIjKlMnOpQrSt_-", "0a1b2c3d_AbCdEfGhIjKlMnOpQrSt_-",
            "0a1b2c3d-AbCdEfGhIjKlMnOpQrSt_", "0a1b2c3d-AbCdEfGhIjKlMnOpQrSt_-x", "0a1b2c3d-AbCdEfGhIjKlMnOpQrSt.-",
            "0a1b2c3d-AbCdEfGhIjKlMnOpQrSt:-", "", "0a1b2c3d-", "0a1b2c3d-AbCdEfGhIjKlMnOpQrSt}-"})
    void agreesWithThePattern(String id) {
        assertEquals(SESSION_ID.matcher(id).matches(), PrivacyKeys.madeByTheStore(id), id);
    }
}
