package io.maskgate.sip.b2bua;

import io.maskgate.sip.trunk.TrunkOptions;
import java.util.List;

/**
 * The part of the SIP relay's settings that changes while it runs (a conf reload): the outbound
 * trunks and the carrier ACL. Everything else (listeners, timers, limits) needs a restart.
 *
 * @param trunks the whole new trunk list (names unique); calls in progress keep their trunk
 * @param trustedCarriers the whole new carrier ACL; applies to the next INVITE
 */
public record SipLiveOptions(List<TrunkOptions> trunks, List<Cidr> trustedCarriers) {
    public SipLiveOptions {
        trunks = List.copyOf(trunks);
        trustedCarriers = List.copyOf(trustedCarriers);
    }
}
