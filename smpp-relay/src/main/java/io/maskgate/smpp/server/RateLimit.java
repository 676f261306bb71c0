package io.maskgate.smpp.server;

/**
 * A submit rate for one system_id: a token bucket refilled at {@code perSecond} tokens a second,
 * holding at most {@code burst}. {@link #UNLIMITED} turns the limit off.
 *
 * @param perSecond sustained submit_sm per second, 1..1,000,000, or 0 with burst 0 for unlimited
 * @param burst submits accepted at once after a quiet period, at least 1 when limited
 */
public record RateLimit(int perSecond, int burst) {
    public static final RateLimit UNLIMITED = new RateLimit(0, 0);

    public RateLimit {
        if (!(perSecond == 0 && burst == 0)) {
            Checks.range("perSecond", perSecond, 1, 1_000_000);
            Checks.range("burst", burst, 1, 1_000_000);
        }
    }

    public boolean isUnlimited() {
        return perSecond == 0;
    }
}
