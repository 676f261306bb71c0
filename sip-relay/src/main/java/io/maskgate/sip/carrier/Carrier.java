package io.maskgate.sip.carrier;

import io.maskgate.sip.limit.CallCapacity;
import io.micrometer.core.instrument.Counter;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A carrier of one conf: which source addresses are its, and the places its calls hold. A call
 * takes a place when it is admitted and gives it back when it is forgotten. Thread-safe.
 */
public final class Carrier {
    private final CarrierOptions options;
    private final CallCapacity capacity;
    private final CarrierMeters meters;

    Carrier(CarrierOptions options, CarrierMeters meters, CallCapacity capacity) {
        this.options = Objects.requireNonNull(options, "options");
        this.meters = Objects.requireNonNull(meters, "meters");
        this.capacity = Objects.requireNonNull(capacity, "capacity");
    }

    public String name() {
        return options.name();
    }

    /** Calls holding one of its places now, those of calls admitted under earlier confs included. */
    public int activeCalls() {
        return meters.activeCalls().get();
    }

    /** The calls it bought at once; 0 for no limit. */
    public int maxCalls() {
        return options.maxCalls();
    }

    /** Whether this carrier's P-Asserted-Identity names the caller; {@code relayDefault} unless conf says. */
    public boolean trustsAssertedIdentity(boolean relayDefault) {
        return options.trustAssertedIdentity().orElse(relayDefault);
    }

    /** @param source the source address's bytes */
    boolean sends(byte[] source) {
        return Cidr.anyContains(options.addresses(), source);
    }

    /**
     * Takes one of the carrier's places for a new call within its calls per second; false when
     * either is used up, and the call is refused. A true must be given back with {@link #release()},
     * exactly once.
     */
    public boolean tryAdmit() {
        boolean admitted = capacity.tryAcquire();
        (admitted ? meters.admitted() : meters.limited()).increment();
        return admitted;
    }

    /** Gives back a place taken by {@link #tryAdmit()}. */
    public void release() {
        capacity.release();
    }

    @Override
    public String toString() {
        return "Carrier[" + options.name() + "]";
    }

    /** What is counted per carrier name, kept across reloads (calls admitted before one end after it). */
    record CarrierMeters(Counter admitted, Counter limited, AtomicInteger activeCalls) {
    }
}
