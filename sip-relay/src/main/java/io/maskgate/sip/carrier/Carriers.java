package io.maskgate.sip.carrier;

import io.maskgate.sip.carrier.Carrier.CarrierMeters;
import io.maskgate.sip.limit.CallCapacity;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The carriers conf names, matched by an INVITE's source address, first match first. Naming a
 * carrier is optional: the ACL decides who may call in; a carrier entry gives part of it a name
 * on the meters, and limits. A conf reload replaces the list; places are counted per carrier name,
 * so calls in progress keep theirs.
 */
public final class Carriers {
    /** Counter: new calls from a carrier, tags {@link #TAG_CARRIER} and {@link #TAG_RESULT}. */
    public static final String CARRIER_CALLS = "maskgate_sip_carrier_calls_total";
    /** Gauge: calls holding one of a carrier's places, ringing or answered. */
    public static final String CARRIER_CALLS_ACTIVE = "maskgate_sip_carrier_calls_active";
    public static final String TAG_CARRIER = "carrier";
    /** {@code admitted}, or {@code limited} (refused 503 at the carrier's maxCalls or maxCallsPerSecond). */
    public static final String TAG_RESULT = "result";

    private final MeterRegistry registry;
    private final LongSupplier nanoTime;
    /** Written under this object's lock only (reloads); read by every loop. */
    private volatile List<Carrier> carriers = List.of();
    private final Map<String, CarrierMeters> meters = new HashMap<>();

    public Carriers(List<CarrierOptions> carriers, MeterRegistry registry) {
        this(carriers, registry, System::nanoTime);
    }

    /** @param nanoTime the clock of the carriers' CPS limits */
    public Carriers(List<CarrierOptions> carriers, MeterRegistry registry, LongSupplier nanoTime) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        replace(carriers);
    }

    /** The carrier whose blocks hold {@code source}: the first in conf order, if any. */
    public Optional<Carrier> of(InetAddress source) {
        return of(source.getAddress());
    }

    /** The same for the source address's bytes (4 or 16), which are not changed. */
    public Optional<Carrier> of(byte[] source) {
        for (Carrier c : carriers) {
            if (c.sends(source)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Takes the whole new list (names unique); applies to the next INVITE. */
    public synchronized void replace(List<CarrierOptions> options) {
        List<Carrier> list = new ArrayList<>(options.size());
        for (CarrierOptions o : options) {
            CarrierMeters m = meters(o.name());
            list.add(new Carrier(o, m, new CallCapacity(o.maxCalls(), o.maxCallsPerSecond(), m.activeCalls(), nanoTime)));
        }
        this.carriers = List.copyOf(list);
    }

    public List<Carrier> carriers() {
        return carriers;
    }

    /** A carrier name's meters, made once and kept: a dashboard shows its zeros, and reloads keep the count. */
    private CarrierMeters meters(String carrier) {
        return meters.computeIfAbsent(carrier, name -> {
            AtomicInteger active = new AtomicInteger();
            Gauge.builder(CARRIER_CALLS_ACTIVE, active, AtomicInteger::get).tag(TAG_CARRIER, name).register(registry);
            return new CarrierMeters(registry.counter(CARRIER_CALLS, TAG_CARRIER, name, TAG_RESULT, "admitted"),
                    registry.counter(CARRIER_CALLS, TAG_CARRIER, name, TAG_RESULT, "limited"), active);
        });
    }
}
