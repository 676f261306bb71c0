package io.maskgate.core.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.session.UnknownPoolException;
import java.util.List;
import org.junit.jupiter.api.Test;

class NumberPoolTest {

    private static PhoneNumber n(String e164) {
        return PhoneNumber.ofE164(e164);
    }

    @Test
    void rangeIncludesBothEnds() {
        List<PhoneNumber> range = NumberPool.range(n("+918000000098"), n("+918000000102"));
        assertEquals(List.of(n("+918000000098"), n("+918000000099"), n("+918000000100"),
                n("+918000000101"), n("+918000000102")), range);
        assertEquals(List.of(n("+918000000000")), NumberPool.range(n("+918000000000"), n("+918000000000")));
    }

    @Test
    void rangeAllowsExactlyTheMaximum() {
        assertEquals(NumberPool.MAX_RANGE, NumberPool.range(n("+918000000000"), n("+918000099999")).size());
    }

    @Test
    void rangeRefusesTooLargeReversedOrUnevenEnds() {
        assertThrows(IllegalArgumentException.class, () -> NumberPool.range(n("+918000000000"), n("+918000100000")));
        assertThrows(IllegalArgumentException.class, () -> NumberPool.range(n("+918000000002"), n("+918000000001")));
        assertThrows(IllegalArgumentException.class, () -> NumberPool.range(n("+91800000000"), n("+918000000001")));
    }

    @Test
    void poolRefusesDuplicatesAndBlankName() {
        assertThrows(IllegalArgumentException.class,
                () -> new NumberPool("p", List.of(n("+918000000001"), n("+918000000001"))));
        assertThrows(IllegalArgumentException.class, () -> new NumberPool(" ", List.of()));
    }

    @Test
    void toStringShowsNameAndSizeOnly() {
        NumberPool pool = new NumberPool("riders", NumberPool.range(n("+918000000000"), n("+918000000009")));
        assertEquals("NumberPool[name=riders, size=10]", pool.toString());
        assertFalse(pool.toString().contains("8000000"));
    }

    @Test
    void requireFindsOrThrowsUnknownPool() {
        NumberPool riders = new NumberPool("riders", List.of(n("+918000000001")));
        NumberPools pools = NumberPools.of(riders);
        assertSame(riders, pools.require("riders"));
        assertEquals("nope", assertThrows(UnknownPoolException.class, () -> pools.require("nope")).pool());
    }
}
