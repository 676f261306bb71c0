package io.maskgate.server.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateHistoryTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2025-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final Map<String, Double> counters = new HashMap<>();
    private final RateHistory history = new RateHistory(clock, Duration.ofSeconds(10), Duration.ofSeconds(30),
            () -> Map.copyOf(counters));

    @Test
    void ratesArePerSecondOverEachSampledInterval() {
        counters.put("calls", 0.0);
        history.sample();
        assertEquals(List.of(), history.perSecond("calls"));
        assertEquals(0.0, history.latestPerSecond("calls"));

        counters.put("calls", 50.0);
        clock.advance(Duration.ofSeconds(10));
        history.sample();
        counters.put("calls", 70.0);
        clock.advance(Duration.ofSeconds(10));
        history.sample();

        assertEquals(List.of(5.0, 2.0), history.perSecond("calls"));
        assertEquals(2.0, history.latestPerSecond("calls"));
    }

    @Test
    void aLateSampleIsDividedByTheRealElapsedTime() {
        counters.put("sms", 0.0);
        history.sample();
        counters.put("sms", 40.0);
        clock.advance(Duration.ofSeconds(20));
        history.sample();
        assertEquals(List.of(2.0), history.perSecond("sms"));
    }

    @Test
    void theRingKeepsOnlyTheWindowAndTheBaselineMovesWithIt() {
        // window 30 s / interval 10 s: 4 snapshots, 3 intervals
        for (int i = 0; i <= 5; i++) {
            counters.put("refused:no_session", (double) i * 10);
            history.sample();
            clock.advance(Duration.ofSeconds(10));
        }
        assertEquals(3, history.perSecond("refused:no_session").size());
        // totals 0..50; kept snapshots 20,30,40,50: the window saw 30 more
        assertEquals(Map.of("no_session", 30L), history.increasesSinceWindowStart("refused:"));
    }

    @Test
    void increasesIncludeWhatHappenedSinceTheLastSampleAndSkipSeriesThatDidNotGrow() {
        counters.put("refused:no_session", 3.0);
        counters.put("refused:consent_denied", 1.0);
        counters.put("calls", 9.0);
        history.sample();
        counters.put("refused:no_session", 5.0);
        counters.put("refused:invalid_number", 1.0);

        assertEquals(Map.of("no_session", 2L, "invalid_number", 1L), history.increasesSinceWindowStart("refused:"));
    }

    @Test
    void beforeTheFirstSampleTheBaselineIsZero() {
        counters.put("refused:no_session", 2.0);
        assertEquals(Map.of("no_session", 2L), history.increasesSinceWindowStart("refused:"));
    }

    @Test
    void aCounterThatShrankCountsAsNoChange() {
        counters.put("calls", 10.0);
        history.sample();
        counters.put("calls", 4.0);
        clock.advance(Duration.ofSeconds(10));
        history.sample();
        assertEquals(List.of(0.0), history.perSecond("calls"));
        assertTrue(history.increasesSinceWindowStart("calls").isEmpty());
    }

    @Test
    void theWindowMustBeAWholeMultipleOfTheInterval() {
        assertThrows(IllegalArgumentException.class,
                () -> new RateHistory(clock, Duration.ofSeconds(10), Duration.ofSeconds(25), Map::of));
        assertThrows(IllegalArgumentException.class,
                () -> new RateHistory(clock, Duration.ZERO, Duration.ofSeconds(10), Map::of));
    }
}
