package io.maskgate.server.status;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * Where the status page reads the relays' live state. Each supplier is cheap and non-blocking (it
 * reads in-memory state), so the page can be rendered on an event loop. Names are conf names
 * (trunks, carriers, upstream SMSCs, ESME system_ids), never a number.
 *
 * @param sipTrunks     every configured SIP trunk with its state; empty when SIP is off
 * @param sipCarriers   every carrier named in conf with its calls up; empty when SIP is off
 * @param smppUpstreams every configured upstream SMSC with its state; empty when SMPP is off
 * @param smppEnabled   whether the SMPP relay runs
 * @param esmeBinds     live ESME binds by system_id
 * @param activeCalls   calls in progress; empty when the SIP relay is off
 */
public record StatusSources(
        Supplier<List<Link>> sipTrunks,
        Supplier<List<CarrierLoad>> sipCarriers,
        Supplier<List<Link>> smppUpstreams,
        boolean smppEnabled,
        Supplier<Map<String, Integer>> esmeBinds,
        Supplier<OptionalInt> activeCalls) {

    public StatusSources {
        Objects.requireNonNull(sipTrunks, "sipTrunks");
        Objects.requireNonNull(sipCarriers, "sipCarriers");
        Objects.requireNonNull(smppUpstreams, "smppUpstreams");
        Objects.requireNonNull(esmeBinds, "esmeBinds");
        Objects.requireNonNull(activeCalls, "activeCalls");
    }

    /** Nothing running (tests, or both relays off). */
    public static StatusSources none() {
        return new StatusSources(List::of, List::of, List::of, false, Map::of, OptionalInt::empty);
    }

    /**
     * A carrier named in conf and the calls it holds now, against the calls it bought.
     *
     * @param maxCalls 0 when it has no limit
     */
    public record CarrierLoad(String name, int activeCalls, int maxCalls) {
        public CarrierLoad {
            Objects.requireNonNull(name, "name");
        }
    }

    /** A named peer (trunk, upstream SMSC) and whether it is up. */
    public record Link(String name, boolean up) {
        public Link {
            Objects.requireNonNull(name, "name");
        }
    }
}
