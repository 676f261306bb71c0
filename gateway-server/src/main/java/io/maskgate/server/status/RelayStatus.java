package io.maskgate.server.status;

import io.maskgate.server.status.StatusSources.CarrierLoad;
import io.maskgate.server.status.StatusSources.Link;
import io.maskgate.sip.b2bua.SipRelay;
import io.maskgate.smpp.SmppRelay;
import io.maskgate.smpp.metrics.SmppMetrics;
import io.maskgate.smpp.server.EsmeBind;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/** Builds the {@link StatusSources} of a running node from its relays (either may be off). */
public final class RelayStatus {

    private RelayStatus() {
    }

    public static StatusSources of(Optional<SipRelay> sip, Optional<SmppRelay> smpp, MeterRegistry registry) {
        return new StatusSources(
                () -> sip.map(RelayStatus::trunks).orElse(List.of()),
                () -> sip.map(RelayStatus::carriers).orElse(List.of()),
                () -> smpp.isPresent() ? upstreams(registry) : List.of(),
                smpp.isPresent(),
                () -> smpp.map(RelayStatus::esmeBinds).orElse(Map.of()),
                () -> sip.map(s -> OptionalInt.of(s.activeCalls())).orElse(OptionalInt.empty()));
    }

    private static List<Link> trunks(SipRelay relay) {
        return relay.trunks().trunks().stream().map(t -> new Link(t.name(), t.isUp())).toList();
    }

    private static List<CarrierLoad> carriers(SipRelay relay) {
        return relay.carriers().stream().map(c -> new CarrierLoad(c.name(), c.activeCalls(), c.maxCalls())).toList();
    }

    /** The relay's own per-SMSC gauge: the upstream client keeps its binds to itself. */
    private static List<Link> upstreams(MeterRegistry registry) {
        return registry.find(SmppMetrics.UPSTREAM_UP).gauges().stream()
                .filter(g -> g.getId().getTag(SmppMetrics.TAG_SMSC) != null)
                .map(g -> new Link(g.getId().getTag(SmppMetrics.TAG_SMSC), up(g)))
                .sorted(Comparator.comparing(Link::name))
                .toList();
    }

    private static boolean up(Gauge gauge) {
        return gauge.value() >= 1.0;
    }

    private static Map<String, Integer> esmeBinds(SmppRelay relay) {
        Map<String, Integer> bySystemId = new TreeMap<>();
        for (EsmeBind bind : relay.server().registry().all()) {
            bySystemId.merge(bind.systemId(), 1, Integer::sum);
        }
        return bySystemId;
    }
}
