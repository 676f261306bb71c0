package io.maskgate.smpp.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulConnection;
import io.maskgate.keystore.KeyRing;
import java.security.SecureRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The receipt-key cache's bookkeeping; against Redis, see {@link RedisMessageIdStoreIntegrationTest}. */
class SessionReceiptKeysTest {
    private static final String NAME = "mg:{0a1b2c3d}:rk:0a1b2c3d-AAAAAAAAAAAAAAAAAAAAAA";
    private static final long TTL = 3_600_000;

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final SessionReceiptKeys keys = new SessionReceiptKeys(KeyRing.forTesting(new SecureRandom()).envelopes(),
            new SecureRandom(), now::get, 10);

    @Test
    @SuppressWarnings("unchecked")
    void aFetchThatThrowsIsNotLeftCachedAndTheNextWriteTriesAgain() {
        StatefulConnection<String, byte[]> connection = mock(StatefulConnection.class);
        when(connection.dispatch(anyList())).thenThrow(new RedisException("connection closed"));

        ExecutionException first = assertThrows(ExecutionException.class,
                () -> keys.forWriting(connection, NAME, TTL).get());
        assertThrows(ExecutionException.class, () -> keys.forWriting(connection, NAME, TTL).get());

        assertTrue(first.getCause() instanceof RedisException);
        verify(connection, times(2)).dispatch(anyList());
        assertEquals(0, keys.cachedCount());
    }

    @Test
    void aKeyOfUnknownLifeIsExtendedAtOnceAndThenOncePerRecheck() {
        SessionReceiptKeys.Held held = new SessionReceiptKeys.Held(new SecretKeySpec(new byte[32], "AES"), 0);

        assertNotNull(keys.extensionFor(held, NAME, TTL), "a key of unknown life is extended at once");
        assertNull(keys.extensionFor(held, NAME, TTL), "and not again before the recheck");
        now.addAndGet(SessionReceiptKeys.RECHECK_MILLIS - 1);
        assertNull(keys.extensionFor(held, NAME, TTL));
        now.incrementAndGet();
        assertNotNull(keys.extensionFor(held, NAME, TTL));
    }
}
