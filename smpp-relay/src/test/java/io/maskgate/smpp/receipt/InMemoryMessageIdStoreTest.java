package io.maskgate.smpp.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.smpp.message.SmppAddress;
import io.maskgate.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryMessageIdStoreTest {
    static final ReceiptRoute ROUTE = new ReceiptRoute("00ff00ff00ff00ff", "app",
            SmppAddress.international("919812345001"), SmppAddress.international("919800000100"));

    @Test
    void findsByUpstreamNameAndIdUntilTheTtl() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
        InMemoryMessageIdStore store = new InMemoryMessageIdStore(clock, Duration.ofHours(72), 10);
        store.put("airtel", "up-1", ROUTE).get();

        assertEquals(ROUTE, store.find("airtel", "up-1").get().orElseThrow());
        assertTrue(store.find("jio", "up-1").get().isEmpty(), "another SMSC's id space");
        clock.advance(Duration.ofHours(72).minusSeconds(1));
        assertTrue(store.find("airtel", "up-1").get().isPresent());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(store.find("airtel", "up-1").get().isEmpty());
    }

    @Test
    void isBoundedDroppingTheOldest() throws Exception {
        InMemoryMessageIdStore store = new InMemoryMessageIdStore(new MutableClock(Instant.EPOCH), Duration.ofHours(1), 2);
        store.put("s", "1", ROUTE).get();
        store.put("s", "2", ROUTE).get();
        store.put("s", "3", ROUTE).get();
        assertEquals(2, store.size());
        assertTrue(store.find("s", "1").get().isEmpty());
        assertTrue(store.find("s", "3").get().isPresent());
    }

    @Test
    void receiptRouteToStringMasksBothAddresses() {
        String shown = ROUTE.toString();
        assertFalse(shown.contains("919812345001") || shown.contains("9812345001"), shown);
        assertFalse(shown.contains("919800000100") || shown.contains("9800000100"), shown);
    }
}
