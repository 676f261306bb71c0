package io.maskgate.core.session;

import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.pool.NumberPool;
import io.maskgate.core.pool.NumberPools;
import io.maskgate.keystore.KeyRing;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

/** Shared test data: pools of fake proxy numbers and participants with fake Indian mobiles. */
public final class SessionFixtures {

    public static final String POOL = "riders";
    public static final String TINY_POOL = "tiny";
    public static final String EMPTY_POOL = "empty";

    private SessionFixtures() {
    }

    public static NumberPools pools(int size) {
        return NumberPools.of(
                new NumberPool(POOL, NumberPool.range(PhoneNumber.ofE164("+918000000000"),
                        PhoneNumber.ofE164(String.format("+91800%07d", size - 1)))),
                new NumberPool(TINY_POOL, List.of(PhoneNumber.ofE164("+918100000001"))),
                new NumberPool(EMPTY_POOL, List.of()));
    }

    public static KeyRing testKeys() {
        return KeyRing.forTesting(new SecureRandom());
    }

    /** Person {@code i}: id {@code p<i>}, number {@code +9198765<5 digits>}. */
    public static Participant person(int i) {
        return new Participant("p" + i, PhoneNumber.ofE164(String.format("+9198765%05d", i)));
    }

    public static SessionRequest request(int a, int b, Duration ttl) {
        return request(POOL, a, b, ttl);
    }

    public static SessionRequest request(String pool, int a, int b, Duration ttl) {
        return new SessionRequest("delivery", ttl, "order-" + a + "-" + b, pool, person(a), person(b));
    }
}
