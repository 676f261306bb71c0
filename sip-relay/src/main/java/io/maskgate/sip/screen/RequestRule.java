package io.maskgate.sip.screen;

import io.maskgate.sip.codec.SipMessage;
import java.util.Optional;

/** One screening rule for requests; each implementation cites the RFC text it enforces. */
@FunctionalInterface
interface RequestRule {

    /** A rejection when the request breaks the rule, else empty. */
    Optional<ScreenVerdict.Reject> check(SipMessage request);
}
