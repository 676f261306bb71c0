package io.maskgate.server;

import io.maskgate.core.consent.Revocation;
import io.maskgate.core.consent.RevocationListener;
import io.maskgate.core.routing.Channel;
import io.maskgate.sip.b2bua.SipRelay;
import io.maskgate.smpp.SmppRelay;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a consent revocation does to traffic already under way on this node (issue 5, item 1):
 * live calls of the subject for the purpose get BYE on both legs, and SMS of theirs still waiting
 * for an answer are refused with the consent-denied status. Registered on the node's
 * {@link io.maskgate.core.consent.ConsentRevocations}, so it runs on every node, for revocations
 * received by any of them. Sessions stay: consent is per subject and purpose, not per session.
 */
final class RevocationEnforcer implements RevocationListener {

    private static final Logger log = LoggerFactory.getLogger(RevocationEnforcer.class);

    private final Optional<SipRelay> sip;
    private final Optional<SmppRelay> smpp;

    RevocationEnforcer(Optional<SipRelay> sip, Optional<SmppRelay> smpp) {
        this.sip = Objects.requireNonNull(sip, "sip");
        this.smpp = Objects.requireNonNull(smpp, "smpp");
    }

    @Override
    public void onRevoked(Revocation r) {
        if (covers(r, Channel.VOICE)) {
            sip.ifPresent(relay -> relay.endCalls(call -> call.involves(r.subjectId()) && purposeMatches(r, call.purpose()),
                    SipRelay.CONSENT_REVOKED_REASON).whenComplete((ended, error) -> {
                        if (error == null && ended > 0) {
                            log.info("Revocation {}: {} call(s) ended", r.revocationId(), ended);
                        }
                    }));
        }
        if (covers(r, Channel.SMS)) {
            smpp.ifPresent(relay -> {
                int refused = relay.refusePending(s -> s.involves(r.subjectId()) && purposeMatches(r, s.purpose()));
                if (refused > 0) {
                    log.info("Revocation {}: {} pending SMS refused", r.revocationId(), refused);
                }
            });
        }
    }

    private static boolean covers(Revocation r, Channel channel) {
        return r.channel().map(channel::equals).orElse(true);
    }

    private static boolean purposeMatches(Revocation r, String purpose) {
        return r.purpose().map(purpose::equals).orElse(true);
    }
}
