package io.maskgate.sip.b2bua;

import io.maskgate.sip.carrier.CarrierOptions;
import io.maskgate.sip.carrier.Cidr;
import io.maskgate.sip.transport.ReceiveBacklogOptions;
import io.maskgate.sip.trunk.TrunkOptions;
import java.util.List;
import java.util.Objects;

/**
 * The part of the SIP relay's settings that changes while it runs (a conf reload): the outbound
 * trunks, the carrier ACL, the named carriers' limits and the overload thresholds. Everything else (listeners, timers, limits)
 * needs a restart.
 *
 * @param trunks the whole new trunk list (names unique); calls in progress keep their trunk
 * @param trustedCarriers the whole new carrier ACL; applies to the next INVITE
 * @param carriers the whole new list of named carriers (names unique); calls in progress keep their places
 * @param overload when a backed-up receive queue holds retransmissions and sheds new calls; on-call
 *     may need to move these during an incident, without restarting a node that is already behind
 */
public record SipLiveOptions(List<TrunkOptions> trunks, List<Cidr> trustedCarriers, List<CarrierOptions> carriers,
                             ReceiveBacklogOptions overload) {
    public SipLiveOptions {
        trunks = List.copyOf(trunks);
        trustedCarriers = List.copyOf(trustedCarriers);
        carriers = List.copyOf(carriers);
        Objects.requireNonNull(overload, "overload");
    }
}
