package io.maskgate.smpp.relay;

import io.maskgate.core.routing.Decision;
import io.maskgate.core.routing.RefusalReason;
import io.maskgate.smpp.pdu.CommandStatus;
import io.maskgate.smpp.server.SmppRefusalException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The routed MT submits whose ESME has not had its submit_sm_resp yet. A consent revocation
 * refuses the matching ones at once with the consent-denied status (ESME_RSUBMITFAIL, DESIGN.md
 * section 7) instead of letting them complete: one refused before it left for the SMSC is never
 * sent; one already with the SMSC cannot be recalled, but the ESME is not told it was relayed.
 */
final class PendingSubmits {

    /** One submit: what a predicate sees, and the ESME's answer, completed by whichever comes first. */
    static final class Entry {
        final PendingSubmit facts;
        final CompletableFuture<String> answer = new CompletableFuture<>();

        Entry(PendingSubmit facts) {
            this.facts = facts;
        }

        boolean refused() {
            return answer.isCompletedExceptionally();
        }
    }

    private final Set<Entry> pending = ConcurrentHashMap.newKeySet();

    Entry add(Decision.Route route) {
        Entry e = new Entry(new PendingSubmit(route.sessionId(), route.purpose(), route.callerId(), route.calleeId()));
        pending.add(e);
        e.answer.whenComplete((ok, error) -> pending.remove(e));
        return e;
    }

    /** Refuses every pending submit {@code which} selects; returns how many it refused. */
    int refuse(Predicate<PendingSubmit> which) {
        int refused = 0;
        for (Entry e : pending) {
            if (which.test(e.facts) && e.answer.completeExceptionally(SmppRefusalException.create(
                    CommandStatus.ESME_RSUBMITFAIL, RefusalReason.CONSENT_DENIED.tag()))) {
                refused++;
            }
        }
        return refused;
    }

    int size() {
        return pending.size();
    }
}
