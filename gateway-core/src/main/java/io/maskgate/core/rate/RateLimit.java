package io.maskgate.core.rate;

/**
 * A rate (an ESME's submits, a trunk's new calls): a token bucket refilled at {@code perSecond}
 * tokens a second, holding at most {@code burst}. {@link #UNLIMITED} turns the limit off.
 *
 * @param perSecond sustained requests per second, 1..1,000,000, or 0 with burst 0 for unlimited
 * @param burst requests accepted at once after a quiet period, at least 1 when limited
 */
public record RateLimit(int perSecond, int burst) {
    public static final RateLimit UNLIMITED = new RateLimit(0, 0);

    public RateLimit {
        if (!(perSecond == 0 && burst == 0)) {
            inRange("perSecond", perSecond);
            inRange("burst", burst);
        }
    }

    public boolean isUnlimited() {
        return perSecond == 0;
    }

    private static void inRange(String name, int value) {
        if (value < 1 || value > 1_000_000) {
            throw new IllegalArgumentException(name + " must be in 1..1000000, was " + value);
        }
    }
}
