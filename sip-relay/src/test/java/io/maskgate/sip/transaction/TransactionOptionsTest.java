package io.maskgate.sip.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.maskgate.sip.transport.SipTransportType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransactionOptionsTest {

    @Test
    void defaultsAreTheRfc3261Values() {
        TransactionOptions o = TransactionOptions.create();
        assertEquals(Duration.ofMillis(500), o.t1());
        assertEquals(Duration.ofSeconds(4), o.t2());
        assertEquals(Duration.ofSeconds(5), o.t4());
        assertEquals(Duration.ofSeconds(32), o.sixtyFourT1());
        assertEquals(Duration.ofSeconds(32), o.timerD(SipTransportType.UDP));
        assertEquals(Duration.ZERO, o.timerD(SipTransportType.TCP));
        assertEquals(Duration.ofSeconds(5), o.timerIK(SipTransportType.UDP));
        assertEquals(Duration.ZERO, o.timerIK(SipTransportType.TLS));
        assertEquals(Duration.ofSeconds(32), o.timerJ(SipTransportType.UDP));
        assertEquals(Duration.ZERO, o.timerJ(SipTransportType.TCP));
        assertEquals(TransactionOptions.DEFAULT_MAX_TRANSACTIONS, o.maxTransactions());
    }

    @Test
    void timersDeriveFromT1() {
        TransactionOptions o = TransactionOptions.builder().t1(Duration.ofSeconds(1)).build();
        assertEquals(Duration.ofSeconds(64), o.sixtyFourT1());
    }

    @Test
    void mutateKeepsEveryValue() {
        TransactionOptions o = TransactionOptions.builder().t1(Duration.ofMillis(100)).t2(Duration.ofSeconds(2))
                .t4(Duration.ofSeconds(3)).timerD(Duration.ofSeconds(40)).maxTransactions(7)
                .overloadRetryAfter(Duration.ofSeconds(9)).build();
        assertEquals(o.toString(), o.mutate().build().toString());
    }

    @Test
    void badValuesNameThemselves() {
        assertEquals("t1 must be positive", assertThrows(IllegalArgumentException.class,
                () -> TransactionOptions.builder().t1(Duration.ZERO)).getMessage());
        assertEquals("t2 must be >= t1", assertThrows(IllegalArgumentException.class,
                () -> TransactionOptions.builder().t1(Duration.ofSeconds(5)).t2(Duration.ofSeconds(4)).build())
                .getMessage());
        assertThrows(IllegalArgumentException.class, () -> TransactionOptions.builder().maxTransactions(0));
        assertThrows(IllegalArgumentException.class,
                () -> TransactionOptions.builder().overloadRetryAfter(Duration.ofMillis(500)));
        assertThrows(NullPointerException.class, () -> TransactionOptions.builder().t4(null));
    }
}
