package io.maskgate.sip.b2bua;

import io.maskgate.core.events.HungUpBy;
import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.routing.Decision;
import io.maskgate.sip.auth.DigestAccount;
import io.maskgate.sip.auth.DigestClient;
import io.maskgate.sip.carrier.Carrier;
import io.maskgate.sip.codec.SipHeader;
import io.maskgate.sip.codec.SipMessage;
import io.maskgate.sip.policy.LeakPattern;
import io.maskgate.sip.policy.Leg;
import io.maskgate.sip.transaction.ClientTransaction;
import io.maskgate.sip.transaction.ClientTransactionListener;
import io.maskgate.sip.transaction.ServerTransaction;
import io.maskgate.sip.transaction.TransactionLayer;
import io.maskgate.sip.transaction.TwoXxRetransmitter;
import io.maskgate.sip.trunk.Trunk;
import io.maskgate.sip.trunk.TrunkAttemptResult;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One relayed call: the inbound dialog with the caller paired with the outbound dialog towards
 * the callee, for the life of the call (RFC 3261 sections 12 to 15 on each leg; the pairing is
 * ours).
 *
 * <p>Confined to one event loop, {@link #home}: the outbound leg's Call-ID is chosen to land on the
 * same loop as the inbound one ({@link TransactionLayer#newCallId}), so transaction callbacks of
 * both legs arrive here; the routing decision and timers hop here with {@link #onHome}. No locks.
 *
 * <p>Every message leaves through {@link #mayLeave}: the egress leak guard checks it against the
 * number of the party on the other leg.
 */
final class Call {

    private static final Logger log = LoggerFactory.getLogger(Call.class);
    private static final byte[] NO_BODY = new byte[0];
    /** 2xx kept for ACK matching: the INVITE's and a few re-INVITEs' (older ones are long acknowledged). */
    private static final int ACKS_KEPT = 4;
    private static final SipHeader SESSION_EXPIRED = new SipHeader("Reason", SipRelay.SESSION_EXPIRED_REASON);

    enum State { ROUTING, CALLING, EARLY, ANSWERED, CONFIRMED, ENDED }

    private final B2bua ua;
    private final EventExecutor home;
    /**
     * The caller's INVITE transaction; dropped (null) once the call is confirmed, since it holds the
     * whole parsed INVITE and nothing after the ACK needs it (a later CANCEL matches no call).
     */
    private ServerTransaction invite;
    private final long inviteCseq;
    private final long startedAtMillis;
    private final long startNanos;
    /**
     * The gateway's own share of the setup so far: INVITE received to the first outbound INVITE
     * sent; 0 until then. The relay of the first 180/183/2xx is added when it is recorded.
     */
    private long setupInGatewayNanos;
    private final String callerTag;
    private final Dialog in;
    /** The named carrier the INVITE came from, whose place this call holds until forgotten; null for none. */
    private final Carrier carrier;
    private Dialog out;
    private LeakPattern callerPattern;
    private LeakPattern calleePattern;
    private State state = State.ROUTING;
    private boolean inviteAnswered;
    private boolean counted;
    private boolean setupRecorded;
    private boolean hangingUp;
    private boolean forgotten;
    private List<Trunk> trunks = List.of();
    private int trunkIndex = -1;
    /** The trunk whose place ({@link Trunk#tryAcquire()}) this call holds; given back when it ends or moves on. */
    private Trunk heldTrunk;
    private Attempt attempt;
    /** Until the answer: only failover to another trunk needs it. Null for a fallback call. */
    private Decision.Route route;
    /** Where the outbound INVITE goes and whom it presents (V), until the answer. */
    private PhoneNumber target;
    private PhoneNumber presented;
    /** An out-of-session call placed to the fallback number: no session, no events of its own. */
    private boolean fallback;
    /** From the answer until {@code call_ended} is published: what the events need of the route. */
    private CallEvents.Facts connected;
    private long answeredAtMillis;
    private ScheduledFuture<?> ringTimer;
    /** Armed while a session interval (RFC 4028) is in force: see {@link #sessionRefreshed}. */
    private ScheduledFuture<?> sessionTimer;
    /**
     * The 2xx we relayed and the ACKs they are owed, newest first, at most {@link #ACKS_KEPT}. A
     * chain rather than a list, and {@link #relayed} made on first use: every answered call holds
     * these for its life, and an empty list and map are ~100 of the 2 KB a call may cost.
     */
    private PendingAck newestAck;
    /** In-dialog requests relayed and still waiting for their final response; null until the first. */
    private Map<ServerTransaction, ClientTransaction> relayed;

    /** @param carrier the named carrier whose place this call holds until it is forgotten; null for none */
    Call(B2bua ua, EventExecutor home, ServerTransaction invite, Dialog in, Carrier carrier) {
        this.ua = ua;
        this.carrier = carrier;
        this.home = home;
        this.invite = invite;
        this.inviteCseq = invite.request().cseqNumber().orElse(1);
        this.in = in;
        this.callerTag = invite.request().fromTag().orElseThrow();
        this.startedAtMillis = ua.clock().millis();
        this.startNanos = System.nanoTime();
    }

    /** Start time, epoch milliseconds of the B2BUA's clock (a long: 20,000 calls would hold 20,000 Instants). */
    long startedAtMillis() {
        return startedAtMillis;
    }

    /** The caller's INVITE transaction, until the call is confirmed. */
    Optional<ServerTransaction> invite() {
        return Optional.ofNullable(invite);
    }

    /** Runs {@code task} on this call's loop (at once when already there). */
    void onHome(Runnable task) {
        if (home.inEventLoop()) {
            task.run();
        } else {
            home.execute(task);
        }
    }

    /** What a predicate of {@link SipRelay#endCalls} sees of this call; empty while it is not routed. On home. */
    Optional<LiveCall> live() {
        if (state == State.ENDED) {
            return Optional.empty();
        }
        if (fallback) {
            return state == State.ROUTING ? Optional.empty()
                    : Optional.of(LiveCall.outOfSession(state == State.ANSWERED || state == State.CONFIRMED));
        }
        if (connected != null) {
            return Optional.of(new LiveCall(connected.sessionId(), connected.purpose(), connected.callerId(),
                    connected.calleeId(), true));
        }
        if (route != null) {
            return Optional.of(new LiveCall(route.sessionId(), route.purpose(), route.callerId(), route.calleeId(),
                    false));
        }
        return Optional.empty();
    }

    /**
     * Ends the call from the gateway's side (consent revoked, drain deadline): an answered call gets
     * BYE on both legs carrying {@code reason} (RFC 3326); one still being set up is refused to the
     * caller with 480 and its outbound INVITE cancelled. On home.
     */
    void terminate(SipHeader reason) {
        if (state == State.ENDED) {
            return;
        }
        if (inviteAnswered) {
            sendBye(in, List.of(reason));
            sendBye(out, List.of(reason));
            endedBy(HungUpBy.GATEWAY);
            end(null);
            return;
        }
        cancelRingTimer();
        finalToCaller(480, List.of(reason));
        cancelOutbound();
        end(CallOutcome.FAILED_TERMINATED);
    }

    // ---------------------------------------------------------------- routing

    /** Asks the router; the answer comes back on the home loop. */
    void route(String rawProxy, String rawCaller, Optional<PhoneNumber> caller) {
        ua.router().decide(rawProxy, rawCaller, io.maskgate.core.routing.Channel.VOICE)
                .whenComplete((decision, error) -> onHome(() -> decided(decision, caller)));
    }

    private void decided(Decision decision, Optional<PhoneNumber> caller) {
        if (state != State.ROUTING) {
            return; // cancelled while the store answered
        }
        if (decision instanceof Decision.Route route && caller.isPresent()) {
            callerPattern = LeakPattern.of(caller.get(), ua.defaultCountryCode());
            calleePattern = LeakPattern.of(route.target(), ua.defaultCountryCode());
            this.route = route;
            connect(route.target(), route.presented());
        } else if (decision instanceof Decision.Fallback redirect && caller.isPresent()) {
            // the caller is the other party of this call: their number must not reach the fallback line
            callerPattern = LeakPattern.of(caller.get(), ua.defaultCountryCode());
            calleePattern = LeakPattern.of(redirect.target(), ua.defaultCountryCode());
            fallback = true;
            connect(redirect.target(), redirect.presented());
        } else if (decision instanceof Decision.Refuse refuse) {
            List<SipHeader> extra = refuse.reason().isTransient() ? List.of(ua.retryAfter()) : List.of();
            if (refuse.reason() == io.maskgate.core.routing.RefusalReason.NO_SESSION) {
                int status = ua.options().noSessionStatus();
                finalToCaller(status, ua.options().noSessionReason().orElse(ReasonPhrases.of(status)), extra);
            } else {
                finalToCaller(RefusalStatus.of(refuse.reason()), extra);
            }
            end(CallOutcome.refused(refuse.reason()));
        } else {
            // a route without a caller number cannot happen (the router normalised the same text): fail closed
            finalToCaller(500, List.of());
            end(CallOutcome.FAILED_REJECTED);
        }
    }

    private void connect(PhoneNumber target, PhoneNumber presented) {
        this.target = target;
        this.presented = presented;
        trunks = ua.trunks().candidates();
        state = State.CALLING;
        String outCallId = ua.layer().newCallId(in.callId());
        String outTag = newTag();
        ua.table().addOutbound(outCallId, this);
        out = null;
        ringTimer = home.schedule(this::ringTimeout, ua.options().ringTimeout().toMillis(), TimeUnit.MILLISECONDS);
        if (!tryNextTrunk(outCallId, outTag)) {
            finalToCaller(503, List.of(ua.retryAfter()));
            end(trunks.stream().anyMatch(Trunk::atLimit) ? CallOutcome.FAILED_TRUNKS_FULL
                    : CallOutcome.FAILED_NO_TRUNK);
        }
    }

    // ---------------------------------------------------------------- outbound INVITE and failover

    /** Sends the INVITE to the next trunk with a free place; false when there is none left. */
    private boolean tryNextTrunk(String outCallId, String outTag) {
        releaseTrunk();
        Trunk trunk = null;
        while (trunk == null && ++trunkIndex < trunks.size()) {
            trunk = trunks.get(trunkIndex).tryAcquire() ? trunks.get(trunkIndex) : null;
        }
        if (trunk == null) {
            return false;
        }
        heldTrunk = trunk;
        String presented = "<sip:" + this.presented.e164() + "@" + Dialog.hostPort(ua.sentBy(trunk.destination()))
                + ">";
        String callee = "<sip:" + target.e164() + "@" + trunk.options().uriHost() + ">";
        long cseq = out == null ? 1 : out.currentCseq() + 1;
        out = new Dialog(Leg.OUTBOUND, outCallId, outTag, presented, callee,
                "sip:" + target.e164() + "@" + trunk.options().uriHost(), trunk.destination(),
                ua.sentBy(trunk.destination()), cseq);
        sendInvite(cseq, heldTrunk.credentialsAhead("INVITE", out.remoteTarget()), 0);
        return true;
    }

    /**
     * The INVITE of {@link #out} to the trunk the call holds, with {@code credentials} answering its
     * challenge when it sent one ({@code challengesAnswered} so far for this trunk).
     */
    private void sendInvite(long cseq, List<SipHeader> credentials, int challengesAnswered) {
        Trunk trunk = heldTrunk;
        List<SipHeader> extra = new ArrayList<>();
        if (trunk.options().assertIdentity()) {
            extra.add(new SipHeader("P-Asserted-Identity", out.localUri()));
        }
        extra.addAll(ua.policy().forRequest(invite.request()));
        extra.addAll(credentials);
        SipMessage request = out.request("INVITE", cseq, maxForwards(invite.request()), extra, invite.request().body());
        if (!mayLeave(request, Leg.OUTBOUND)) {
            leakBlocked();
            return;
        }
        Attempt a = new Attempt(trunk, out, trunkIndex < trunks.size() - 1, cseq, credentials, challengesAnswered);
        attempt = a;
        a.transaction = ua.layer().send(request, trunk.destination(), a);
        if (setupInGatewayNanos == 0) {
            setupInGatewayNanos = System.nanoTime() - startNanos;
        }
        a.armFailover();
    }

    /** One INVITE to one trunk; events of an attempt that was given up only clean up. */
    private final class Attempt implements ClientTransactionListener {
        private final Trunk trunk;
        private final Dialog dialog;
        private final boolean canFailOver;
        private final long cseq;
        /** What answered the trunk's challenge; the ACK of a 2xx carries the same (RFC 3261 section 13.2.2.4). */
        private final List<SipHeader> credentials;
        private final int challengesAnswered;
        /** Until the final response: then the transaction layer alone keeps it, for its own timers. */
        private ClientTransaction transaction;
        private ScheduledFuture<?> failoverTimer;
        private boolean heard;
        private boolean provisional;
        private boolean finalReceived;
        private boolean resultCounted;

        Attempt(Trunk trunk, Dialog dialog, boolean canFailOver, long cseq, List<SipHeader> credentials,
                int challengesAnswered) {
            this.trunk = trunk;
            this.dialog = dialog;
            this.canFailOver = canFailOver;
            this.cseq = cseq;
            this.credentials = credentials;
            this.challengesAnswered = challengesAnswered;
        }

        /** The first result counts: a final answer to an attempt already given up changes nothing. */
        void count(TrunkAttemptResult result) {
            if (!resultCounted) {
                resultCounted = true;
                trunk.attemptEnded(result);
            }
        }

        void armFailover() {
            if (canFailOver) {
                failoverTimer = home.schedule(() -> onHome(this::silent), ua.options().failoverTimeout().toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }

        /** The trunk said nothing at all in time: give it up (a CANCEL follows its first 1xx) and try the next. */
        private void silent() {
            if (attempt != this || heard || finalReceived || state == State.ENDED || hangingUp) {
                return;
            }
            count(TrunkAttemptResult.TIMEOUT);
            transaction.cancel();
            attempt = null;
            failOver(503, CallOutcome.FAILED_TIMEOUT);
        }

        @Override
        public void onResponse(ClientTransaction tx, SipMessage response) {
            onHome(() -> response(response));
        }

        private void response(SipMessage r) {
            heard = true;
            if (failoverTimer != null) {
                failoverTimer.cancel(false);
            }
            int status = r.statusCode();
            if (status >= 200) {
                finalReceived = true;
                transaction = null; // nothing cancels an INVITE that has its final answer
                if (attempt != this || status != 401 && status != 407) {
                    count(TrunkAttemptResult.ofFinal(status, provisional)); // a challenge: see challenged()
                }
            }
            if (attempt != this) {
                if (status / 100 == 2) {
                    learnPeer(dialog, r);
                    ackAndBye(this, r);
                }
                forgetIfIdle();
                return;
            }
            if (status == 100) {
                return;
            }
            if (status < 200) {
                provisional = true;
                provisional(dialog, r);
            } else if (status < 300) {
                answered(this, r);
            } else if (status == 401 || status == 407) {
                challenged(this, r);
            } else {
                rejected(this, r);
            }
        }

        @Override
        public void onTimeout(ClientTransaction tx) {
            onHome(() -> {
                count(TrunkAttemptResult.TIMEOUT);
                ended(408, CallOutcome.FAILED_TIMEOUT);
            });
        }

        @Override
        public void onTransportError(ClientTransaction tx, Throwable cause) {
            onHome(() -> {
                count(TrunkAttemptResult.TRANSPORT_ERROR);
                ended(503, CallOutcome.FAILED_NO_TRUNK);
            });
        }

        private void ended(int status, CallOutcome outcome) {
            finalReceived = true;
            transaction = null;
            if (attempt != this) {
                forgetIfIdle();
                return;
            }
            if (provisional) {
                rejectedWith(status, List.of(), outcome);
            } else {
                failOver(status, outcome);
            }
        }
    }

    /** Tries the next trunk, or gives the caller {@code status} when none is left. */
    private void failOver(int status, CallOutcome outcome) {
        if (hangingUp || state == State.ENDED) {
            forgetIfIdle();
            return;
        }
        if (tryNextTrunk(out.callId(), out.localTag())) {
            return;
        }
        rejectedWith(status, status == 503 ? List.of(ua.retryAfter()) : List.of(), outcome);
    }

    private void provisional(Dialog dialog, SipMessage r) {
        long receivedNanos = System.nanoTime();
        learnPeer(dialog, r);
        if (hangingUp || state == State.ENDED || inviteAnswered) {
            return;
        }
        state = State.EARLY;
        SipMessage relay = responseTo(invite, r.statusCode(), ua.policy().forResponse(r), r.body(), true);
        if (!mayLeave(relay, Leg.INBOUND)) {
            leakBlocked();
            return;
        }
        invite.respond(relay);
        if (r.statusCode() == 180 || r.statusCode() == 183) {
            recordSetup(receivedNanos);
        }
    }

    private void answered(Attempt a, SipMessage r) {
        long receivedNanos = System.nanoTime();
        Dialog dialog = a.dialog;
        learnPeer(dialog, r);
        if (hangingUp || state == State.ENDED || inviteAnswered) {
            // RFC 3261 section 15: a 2xx that crossed our CANCEL (or came after we gave up) is ACKed, then BYEd
            ackAndBye(a, r);
            forgetIfIdle();
            return;
        }
        cancelRingTimer();
        SipMessage relay = responseTo(invite, r.statusCode(), ua.policy().forResponse(r), r.body(), true);
        if (!mayLeave(relay, Leg.INBOUND)) {
            ackAndBye(a, r);
            leakBlocked();
            return;
        }
        state = State.ANSWERED;
        connected = route == null ? null
                : CallEvents.Facts.of(route, carrier == null ? "" : carrier.name(), a.trunk.name());
        route = null; // no failover after the answer: let the session's numbers go
        target = null;
        presented = null;
        trunks = List.of();
        invite.respond(relay);
        inviteAnswered = true;
        answeredAtMillis = ua.clock().millis();
        if (connected != null) {
            ua.events().connected(connected);
        }
        recordSetup(receivedNanos);
        count(CallOutcome.CONNECTED);
        sessionRefreshed(r);
        TwoXxRetransmitter rtx = ua.layer().retransmit2xx(invite, relay, () -> onHome(this::noAck));
        remember(new PendingAck(Leg.INBOUND, inviteCseq, rtx::ackReceived, dialog,
                r.cseqNumber().orElse(0), a.credentials));
    }

    /**
     * The trunk challenged our INVITE (RFC 3261 section 22.2): send it again with the answer, once,
     * and once more when the trunk says only that the nonce was stale. A trunk that challenges the
     * answer, or that we hold no account for, did not take the call: the next trunk gets it, as
     * after a 503, and the caller never sees the trunk's challenge (it could not answer it).
     */
    private void challenged(Attempt a, SipMessage r) {
        if (hangingUp || state == State.ENDED) {
            forgetIfIdle();
            return;
        }
        Optional<DigestAccount> account = a.trunk.options().account();
        Optional<DigestClient.Answer> answer = account.isEmpty() || a.provisional ? Optional.empty()
                : DigestClient.answer(r, "INVITE", out.remoteTarget(), account.get());
        if (answer.isPresent() && (a.challengesAnswered == 0 || a.challengesAnswered == 1 && answer.get().stale())) {
            a.count(TrunkAttemptResult.CHALLENGED);
            a.trunk.inviteChallengeAnswered(answer.get().challenges());
            sendInvite(out.nextCseq(), answer.get().headers(), a.challengesAnswered + 1);
            return;
        }
        a.count(TrunkAttemptResult.AUTH_FAILED);
        if (a.trunk.firstAuthFailure()) { // then once per trunk and conf: the calls' outcome counts every one
            log.warn("Trunk {} answered {} to our INVITE {}; the call goes to the next trunk", a.trunk.name(),
                    r.statusCode(), account.isEmpty() ? "and sip.trunks names no account for it"
                            : a.challengesAnswered > 0 ? "after our credentials" : "with a challenge we cannot answer");
        }
        if (a.provisional) {
            rejectedWith(500, List.of(), CallOutcome.FAILED_TRUNK_AUTH);
        } else {
            failOver(503, CallOutcome.FAILED_TRUNK_AUTH);
        }
    }

    private void rejected(Attempt a, SipMessage r) {
        int status = r.statusCode();
        if (hangingUp || state == State.ENDED) {
            forgetIfIdle();
            return;
        }
        if (status == 503 && !a.provisional) {
            failOver(503, CallOutcome.FAILED_REJECTED);
            return;
        }
        CallOutcome outcome = status == 486 || status == 600 ? CallOutcome.FAILED_BUSY
                : status == 408 ? CallOutcome.FAILED_TIMEOUT : CallOutcome.FAILED_REJECTED;
        rejectedWith(status, ua.policy().forResponse(r), outcome);
    }

    /**
     * Gives the caller a final failure. A 3xx becomes 480: its Contact names where the callee can
     * be reached, which must never cross the gateway, and a redirect without it means nothing.
     */
    private void rejectedWith(int status, List<SipHeader> extra, CallOutcome outcome) {
        cancelRingTimer();
        finalToCaller(status / 100 == 3 ? 480 : status, extra);
        end(outcome);
    }

    private void ringTimeout() {
        if (inviteAnswered || state == State.ENDED) {
            return;
        }
        finalToCaller(408, List.of());
        cancelOutbound();
        end(CallOutcome.FAILED_NO_ANSWER);
    }

    // ---------------------------------------------------------------- caller events

    /** The caller's CANCEL matched our INVITE transaction; the layer already answered it 200. */
    void cancelled() {
        if (inviteAnswered || state == State.ENDED) {
            return;
        }
        finalToCaller(487, List.of());
        cancelOutbound();
        end(CallOutcome.CANCELLED);
    }

    /** An ACK for a 2xx we relayed, on {@code leg}: stop our retransmissions, relay it as a new ACK. */
    void ack(Leg leg, SipMessage ack) {
        long cseq = ack.cseqNumber().orElse(-1);
        for (PendingAck p = newestAck; p != null; p = p.older) {
            if (p.ackLeg == leg && p.ackCseq == cseq) {
                p.stopRetransmitting();
                if (!p.ackSent) {
                    sendAck(p, ack);
                }
                if (leg == Leg.INBOUND && state == State.ANSWERED) {
                    state = State.CONFIRMED;
                    invite = null;
                }
                return;
            }
        }
    }

    private void sendAck(PendingAck p, SipMessage ack) {
        List<SipHeader> extra = ua.policy().forRequest(ack);
        if (!p.targetCredentials.isEmpty()) {
            extra = new ArrayList<>(extra);
            extra.addAll(p.targetCredentials);
        }
        byte[] body = ack.bodyLength() == 0 ? NO_BODY : ack.body();
        SipMessage relay = p.target.request("ACK", p.targetCseq, 70, extra, body);
        if (!mayLeave(relay, p.target.leg())) {
            leakBlocked();
            return;
        }
        p.ackSent(extra, body);
        ua.layer().sendStateless(relay, p.target.destination());
    }

    /**
     * A 2xx retransmission after its transaction ended: our ACK was lost, send it again (RFC 3261
     * section 13.2.2.4). It is built again from what the first one was made of (same CSeq, headers
     * and body; a new branch, as an ACK for a 2xx is a transaction of its own, section 17.1.1.3):
     * keeping the built ACK would hold a whole parsed message for the life of every call.
     */
    void strayTwoXx(Leg leg, SipMessage response) {
        long cseq = response.cseqNumber().orElse(-1);
        for (PendingAck p = newestAck; p != null; p = p.older) {
            if (p.target.leg() == leg && p.targetCseq == cseq && p.ackSent) {
                SipMessage again = p.target.request("ACK", p.targetCseq, 70, p.ackExtra, p.ackBody);
                if (mayLeave(again, p.target.leg())) {
                    ua.layer().sendStateless(again, p.target.destination());
                }
                return;
            }
        }
    }

    /** A request inside the dialog of {@code leg} (not the initial INVITE, not ACK, not CANCEL). */
    void inDialog(ServerTransaction tx, Leg leg) {
        String method = tx.request().method();
        if (method.equals("BYE")) {
            bye(tx, leg);
        } else if (B2bua.RELAYED_METHODS.contains(method)) {
            relay(tx, leg);
        } else {
            tx.respond(responseTo(tx, 405, List.of(new SipHeader("Allow", B2bua.ALLOW)), NO_BODY, false));
        }
    }

    private void bye(ServerTransaction tx, Leg leg) {
        tx.respond(responseTo(tx, 200, List.of(), NO_BODY, false));
        if (!inviteAnswered) {
            if (leg == Leg.INBOUND) {
                cancelled(); // RFC 3261 section 15: a caller's BYE before the answer ends the attempt
            }
            return;
        }
        sendBye(leg == Leg.INBOUND ? out : in);
        endedBy(leg == Leg.INBOUND ? HungUpBy.CALLER : HungUpBy.CALLEE);
        end(null);
    }

    /** The caller's CANCEL of a relayed re-INVITE: 487 to it, CANCEL the copy on the other leg. */
    void cancelledRelay(ServerTransaction tx) {
        ClientTransaction copy = relayed == null ? null : relayed.get(tx);
        settled(tx);
        if (copy != null) {
            copy.cancel();
            tx.respond(responseTo(tx, 487, List.of(), NO_BODY, false));
        }
    }

    // ---------------------------------------------------------------- in-dialog relay

    private void relay(ServerTransaction tx, Leg from) {
        SipMessage req = tx.request();
        Dialog source = from == Leg.INBOUND ? in : out;
        Dialog target = from == Leg.INBOUND ? out : in;
        if (target == null || source == null || target.remoteTag().isEmpty() || state == State.ENDED) {
            tx.respond(responseTo(tx, 481, List.of(), NO_BODY, false));
            return;
        }
        if (req.method().equals("INVITE") || req.method().equals("UPDATE")) {
            source.remoteTargetFrom(req);
        }
        sendCopy(tx, from, target, List.of());
    }

    /**
     * The copy of {@code tx}'s request on {@code target}, with {@code answer} when it answers the
     * trunk's challenge of the copy before it; otherwise, to a trunk that takes them, with
     * credentials ahead ({@link Trunk#credentialsAhead}).
     */
    private void sendCopy(ServerTransaction tx, Leg from, Dialog target, List<SipHeader> answer) {
        SipMessage req = tx.request();
        List<SipHeader> extra = new ArrayList<>(ua.policy().forRequest(req));
        if (req.method().equals("PRACK")) {
            rack(req, target).ifPresent(extra::add);
        }
        List<SipHeader> credentials = answer.isEmpty() ? credentialsAhead(target, req.method()) : answer;
        extra.addAll(credentials);
        long cseq = target.nextCseq();
        SipMessage copy = target.request(req.method(), cseq, maxForwards(req), extra, req.body());
        if (!mayLeave(copy, target.leg())) {
            tx.respond(responseTo(tx, 500, List.of(), NO_BODY, false));
            leakBlocked();
            return;
        }
        if (relayed == null) {
            relayed = new HashMap<>(2);
        }
        relayed.put(tx, ua.layer().send(copy, target.destination(),
                new Relay(tx, from, target, cseq, credentials, !answer.isEmpty())));
    }

    /** Credentials ahead for a request on the trunk's leg; empty on the caller's leg or when the trunk takes none. */
    private List<SipHeader> credentialsAhead(Dialog target, String method) {
        return target == out && heldTrunk != null ? heldTrunk.credentialsAhead(method, target.remoteTarget()) : List.of();
    }

    /** The relayed request {@code tx} got its final response: forget it, and the map when it is empty. */
    private void settled(ServerTransaction tx) {
        if (relayed != null) {
            relayed.remove(tx);
            if (relayed.isEmpty()) {
                relayed = null;
            }
        }
    }

    /** RFC 3262 section 7.2: RAck names the reliable response by RSeq and by the INVITE's CSeq on that leg. */
    private Optional<SipHeader> rack(SipMessage prack, Dialog target) {
        Optional<String> rack = prack.header("RAck");
        if (rack.isEmpty()) {
            return Optional.empty();
        }
        String rseq = rack.get().strip().split("\\s+")[0];
        long inviteCseq = target == out ? outInviteCseq() : this.inviteCseq;
        return rseq.matches("\\d{1,10}") ? Optional.of(new SipHeader("RAck", rseq + " " + inviteCseq + " INVITE"))
                : Optional.empty();
    }

    private long outInviteCseq() {
        return attempt != null ? attempt.cseq : out.currentCseq();
    }

    /** The responses to one relayed in-dialog request, carried back to the leg it came from. */
    private final class Relay implements ClientTransactionListener {
        private final ServerTransaction tx;
        /** Read from the request now: the transaction lets it go once our final response is sent. */
        private final String method;
        private final long fromCseq;
        private final Leg from;
        private final Dialog target;
        private final long cseq;
        /** What the copy carried: ahead of a challenge, or answering one; its 2xx's ACK carries the same. */
        private final List<SipHeader> credentials;
        /** The copy answered the trunk's challenge: a second challenge is not answered again. */
        private final boolean answeredChallenge;

        Relay(ServerTransaction tx, Leg from, Dialog target, long cseq, List<SipHeader> credentials,
                boolean answeredChallenge) {
            this.tx = tx;
            this.method = tx.request().method();
            this.fromCseq = tx.request().cseqNumber().orElse(0);
            this.from = from;
            this.target = target;
            this.cseq = cseq;
            this.credentials = credentials;
            this.answeredChallenge = answeredChallenge;
        }

        @Override
        public void onResponse(ClientTransaction ct, SipMessage r) {
            onHome(() -> response(r));
        }

        private void response(SipMessage r) {
            int status = r.statusCode();
            if (status == 100) {
                return;
            }
            if (tx.finalSent()) {
                return; // the request was answered already (a CANCEL of a re-INVITE got its 487)
            }
            if ((status == 401 || status == 407) && answerChallenge(r)) {
                return;
            }
            boolean refresh = method.equals("INVITE") || method.equals("UPDATE");
            if (status >= 200) {
                settled(tx);
            }
            if (status / 100 == 2 && refresh) {
                target.remoteTargetFrom(r);
            }
            SipMessage back = responseTo(tx, status, ua.policy().forResponse(r), r.body(), refresh);
            if (!mayLeave(back, from)) {
                tx.respond(responseTo(tx, 500, List.of(), NO_BODY, false));
                leakBlocked();
                return;
            }
            tx.respond(back);
            if (status / 100 == 2 && refresh && (state == State.ANSWERED || state == State.CONFIRMED)) {
                sessionRefreshed(r);
            }
            if (status / 100 == 2 && method.equals("INVITE")) {
                TwoXxRetransmitter rtx = ua.layer().retransmit2xx(tx, back, () -> onHome(Call.this::noAck));
                remember(new PendingAck(from, fromCseq, rtx::ackReceived, target, cseq, credentials));
            }
            if (status == 481 || status == 408) {
                hangUp(); // RFC 3261 section 12.2.1.2: the dialog is gone
            }
        }

        /**
         * The trunk challenged a request we relayed to it: send the copy again with the answer, once.
         * False when this is not the trunk's leg, we hold no account, or the copy answered a challenge
         * already; the 401/407 is then relayed (the policy keeps its challenge from the other side).
         */
        private boolean answerChallenge(SipMessage r) {
            DigestAccount account = trunkAccount();
            if (target != out || account == null || answeredChallenge) {
                return false;
            }
            Optional<DigestClient.Answer> answer = DigestClient.answer(r, method, target.remoteTarget(), account);
            answer.ifPresent(a -> sendCopy(tx, from, target, a.headers()));
            return answer.isPresent();
        }

        @Override
        public void onTimeout(ClientTransaction ct) {
            onHome(() -> failed(408));
        }

        @Override
        public void onTransportError(ClientTransaction ct, Throwable cause) {
            onHome(() -> failed(503));
        }

        private void failed(int status) {
            settled(tx);
            tx.respond(responseTo(tx, status, List.of(), NO_BODY, false));
            hangUp();
        }
    }

    // ---------------------------------------------------------------- session timer (RFC 4028)

    /**
     * A 2xx to INVITE or UPDATE of the answered call passed through us, either way: the answer or a
     * session refresh. Its Session-Expires starts the interval again; without one the session has
     * no expiry (RFC 4028 section 7.2). One timer on the call's own loop; nothing of the 2xx is kept.
     */
    private void sessionRefreshed(SipMessage twoXx) {
        cancelSessionTimer();
        if (state == State.ENDED) {
            return;
        }
        SessionInterval.of(twoXx, ua.options().minSessionInterval()).map(SessionInterval::byeAfter)
                .filter(bye -> bye.compareTo(ua.options().maxCallDuration()) < 0) // the backstop comes first
                .ifPresent(bye -> sessionTimer = home.schedule(this::sessionExpired, bye.toMillis(),
                        TimeUnit.MILLISECONDS));
    }

    /** No refresh within the interval (RFC 4028 section 10): the endpoints are gone, end the call on both legs. */
    private void sessionExpired() {
        sessionTimer = null;
        if (state == State.ENDED) {
            return;
        }
        log.info("call {} had no session refresh within its session interval: ending it", this);
        ua.metrics().sessionTimerExpired();
        terminate(SESSION_EXPIRED);
    }

    private void cancelSessionTimer() {
        if (sessionTimer != null) {
            sessionTimer.cancel(false);
            sessionTimer = null;
        }
    }

    // ---------------------------------------------------------------- endings

    /** Our 2xx was never ACKed (RFC 3261 section 13.3.1.4): end the call on both legs. */
    private void noAck() {
        hangUp();
    }

    /** The max-duration backstop. */
    void expire() {
        log.info("call {} reached the maximum duration of {}", this, ua.options().maxCallDuration());
        if (inviteAnswered) {
            hangUp();
        } else {
            ringTimeout();
            forget();
        }
    }

    /** Ends an answered call with BYE on both legs. */
    private void hangUp() {
        if (state == State.ENDED) {
            return;
        }
        sendBye(in);
        sendBye(out);
        endedBy(HungUpBy.GATEWAY);
        end(null);
    }

    /** A message was stopped by the leak guard: 500 to the caller before the answer, BYE on both legs after. */
    private void leakBlocked() {
        if (state == State.ENDED) {
            return;
        }
        if (inviteAnswered) {
            hangUp();
            return;
        }
        finalToCaller(500, List.of());
        cancelOutbound();
        end(CallOutcome.FAILED_LEAK_BLOCKED);
    }

    private void cancelOutbound() {
        if (attempt != null && !attempt.finalReceived) {
            attempt.count(TrunkAttemptResult.CANCELLED);
            attempt.transaction.cancel();
        }
    }

    /** Publishes {@code call_ended} once, for a call that was connected. */
    private void endedBy(HungUpBy by) {
        if (connected != null) {
            ua.events().ended(connected, java.time.Duration.ofMillis(ua.clock().millis() - answeredAtMillis), by);
            connected = null;
        }
    }

    private void end(CallOutcome outcome) {
        if (outcome != null) {
            count(outcome);
        }
        state = State.ENDED;
        cancelRingTimer();
        cancelSessionTimer();
        for (PendingAck p = newestAck; p != null; p = p.older) {
            p.stopRetransmitting();
        }
        forgetIfIdle();
    }

    /** Forgets the call once nothing can come back: no outbound INVITE still waiting for its final answer. */
    private void forgetIfIdle() {
        if (state != State.ENDED) {
            return;
        }
        if (attempt != null && !attempt.finalReceived) {
            hangingUp = true;
            return;
        }
        forget();
    }

    private void forget() {
        if (!forgotten) {
            forgotten = true;
            releaseTrunk();
            if (carrier != null) {
                carrier.release();
            }
            state = State.ENDED;
            cancelRingTimer();
            cancelSessionTimer();
            ua.forget(this, in.callId(), callerTag, out == null ? Optional.empty() : Optional.of(out.callId()));
        }
    }

    /** The account that answers the digest challenges of the trunk this call went to; null when it has none. */
    private DigestAccount trunkAccount() {
        return heldTrunk == null ? null : heldTrunk.options().account().orElse(null);
    }

    private void releaseTrunk() {
        if (heldTrunk != null) {
            heldTrunk.release();
            heldTrunk = null;
        }
    }

    // ---------------------------------------------------------------- building and sending

    private void sendBye(Dialog d) {
        sendBye(d, List.of());
    }

    private void sendBye(Dialog d, List<SipHeader> extra) {
        sendBye(d, extra, d == out ? trunkAccount() : null);
    }

    /** @param account answers the peer's challenge of the BYE; null: none is answered */
    private void sendBye(Dialog d, List<SipHeader> extra, DigestAccount account) {
        if (d == null || d.remoteTag().isEmpty()) {
            return;
        }
        byeWith(d, extra, credentialsAhead(d, "BYE"),
                account != null ? new ChallengedBye(d, extra, account) : B2bua.IGNORE);
    }

    /** One BYE on {@code d}: {@code extra}, then {@code credentials} (sent ahead, or answering a challenge). */
    private void byeWith(Dialog d, List<SipHeader> extra, List<SipHeader> credentials,
            ClientTransactionListener listener) {
        List<SipHeader> headers = extra;
        if (!credentials.isEmpty()) {
            headers = new ArrayList<>(extra);
            headers.addAll(credentials);
        }
        SipMessage bye = d.request("BYE", d.nextCseq(), 70, headers, NO_BODY);
        if (mayLeave(bye, d.leg())) {
            ua.layer().send(bye, d.destination(), listener);
        }
    }

    /**
     * Our BYE to a trunk that challenges in-dialog requests: sent again with the answer, once, or
     * the trunk would keep the call up (and bill it) until its own session timer. Holds no call state.
     */
    private final class ChallengedBye implements ClientTransactionListener {
        private final Dialog dialog;
        private final List<SipHeader> extra;
        private final DigestAccount account;

        ChallengedBye(Dialog dialog, List<SipHeader> extra, DigestAccount account) {
            this.dialog = dialog;
            this.extra = extra;
            this.account = account;
        }

        @Override
        public void onResponse(ClientTransaction tx, SipMessage response) {
            int status = response.statusCode();
            if (status != 401 && status != 407) {
                return;
            }
            onHome(() -> DigestClient.answer(response, "BYE", dialog.remoteTarget(), account)
                    .ifPresent(a -> byeWith(dialog, extra, a.headers(), B2bua.IGNORE)));
        }

        @Override
        public void onTimeout(ClientTransaction tx) {
        }

        @Override
        public void onTransportError(ClientTransaction tx, Throwable cause) {
        }
    }

    /**
     * ACK then BYE for a 2xx to attempt {@code a} that we do not want (RFC 3261 section 15, the
     * CANCEL/200 race, or a trunk given up on); the ACK carries the credentials its INVITE did, and
     * the BYE answers a challenge with the account of that attempt's trunk.
     */
    private void ackAndBye(Attempt a, SipMessage twoXx) {
        Dialog d = a.dialog;
        SipMessage ack = d.request("ACK", twoXx.cseqNumber().orElse(1), 70, a.credentials, NO_BODY);
        if (mayLeave(ack, d.leg())) {
            ua.layer().sendStateless(ack, d.destination());
            remember(new PendingAck(Leg.INBOUND, -1, PendingAck.NOTHING, d, twoXx.cseqNumber().orElse(1),
                    List.of()));
            newestAck.ackSent(a.credentials, NO_BODY);
        }
        sendBye(d, List.of(), a.trunk.options().account().orElse(null));
    }

    /** The peer's tag, target and route set, from a 1xx/2xx to our INVITE (RFC 3261 section 12.1.2). */
    private static void learnPeer(Dialog d, SipMessage r) {
        Optional<String> tag = r.toTag();
        if (tag.isPresent() && (d.remoteTag().isEmpty() || r.statusCode() / 100 == 2)) {
            d.remoteTag(tag.get());
            d.remoteTargetFrom(r);
            d.routeSetFromResponse(r);
        }
    }

    private void finalToCaller(int status, List<SipHeader> extra) {
        finalToCaller(status, ReasonPhrases.of(status), extra);
    }

    private void finalToCaller(int status, String phrase, List<SipHeader> extra) {
        if (inviteAnswered) {
            return;
        }
        inviteAnswered = true;
        invite.respond(responseTo(invite, status, phrase, extra, NO_BODY, false));
    }

    /**
     * A response to {@code tx} built by us (RFC 3261 section 8.2.6.2): Via, From, Call-ID and CSeq
     * copied; To copied with our tag when it had none; our Contact for a 1xx/2xx that sets up or
     * refreshes a dialog; then {@code extra} and {@code body}.
     */
    private SipMessage responseTo(ServerTransaction tx, int status, List<SipHeader> extra, byte[] body,
            boolean withContact) {
        return responseTo(tx, status, ReasonPhrases.of(status), extra, body, withContact);
    }

    private SipMessage responseTo(ServerTransaction tx, int status, String phrase, List<SipHeader> extra, byte[] body,
            boolean withContact) {
        SipMessage req = tx.request();
        Dialog leg = tx == invite || isOn(req, in) ? in : out;
        List<SipHeader> h = new ArrayList<>(8 + extra.size());
        req.headerValues("Via").forEach(v -> h.add(new SipHeader("Via", v)));
        h.add(new SipHeader("From", req.header("From").orElse("")));
        String to = req.header("To").orElse("");
        h.add(new SipHeader("To", req.toTag().isPresent() || status == 100 ? to : to + ";tag=" + in.localTag()));
        h.add(new SipHeader("Call-ID", req.callId().orElse("")));
        h.add(new SipHeader("CSeq", req.cseqNumber().orElse(0) + " " + req.method()));
        if (withContact && status < 300 && leg != null) {
            h.add(new SipHeader("Contact", leg.contact()));
        }
        h.addAll(extra);
        return io.maskgate.sip.codec.SipComposer.response(status, phrase, h, body);
    }

    private static boolean isOn(SipMessage req, Dialog d) {
        return d != null && req.callId().map(d.callId()::equals).orElse(false);
    }

    /** Checks {@code m} against the number of the party on the other leg; counts and logs when it may not leave. */
    private boolean mayLeave(SipMessage m, Leg leg) {
        LeakPattern forbidden = leg == Leg.OUTBOUND ? callerPattern : calleePattern;
        return forbidden == null || ua.guard().mayLeave(m, leg, forbidden);
    }

    private void remember(PendingAck p) {
        p.older = newestAck;
        newestAck = p;
        PendingAck last = p;
        for (int kept = 1; kept < ACKS_KEPT && last.older != null; kept++) {
            last = last.older;
        }
        last.older = null; // the oldest beyond ACKS_KEPT goes
    }

    /** @param receivedNanos when the callee's 180/183/2xx just relayed reached this call */
    private void recordSetup(long receivedNanos) {
        if (!setupRecorded) {
            setupRecorded = true;
            long now = System.nanoTime();
            ua.metrics().setupTook(java.time.Duration.ofNanos(now - startNanos),
                    java.time.Duration.ofNanos(setupInGatewayNanos + now - receivedNanos));
        }
    }

    private void count(CallOutcome outcome) {
        if (!counted) {
            counted = true;
            ua.metrics().ended(outcome, carrier == null ? null : carrier.name());
        }
    }

    private void cancelRingTimer() {
        if (ringTimer != null) {
            ringTimer.cancel(false);
            ringTimer = null;
        }
    }

    /** RFC 3261 section 16.6 step 3 applied by a B2BUA: one less than received, at most 70. */
    private static int maxForwards(SipMessage req) {
        return Math.max(0, Math.min(70, req.maxForwards().orElse(70) - 1));
    }

    static String newTag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    }

    /** A 2xx we relayed to {@code ackLeg} and the ACK we owe the other side once it is acknowledged. */
    private static final class PendingAck {
        static final Runnable NOTHING = () -> { };

        final Leg ackLeg;
        final long ackCseq;
        final Dialog target;
        final long targetCseq;
        /** Credentials of the request acknowledged on {@link #target}: its ACK carries them too. */
        final List<SipHeader> targetCredentials;
        /** Holds the retransmitter and so the 2xx it resends: let go once it ran. */
        private Runnable stop;
        boolean ackSent;
        List<SipHeader> ackExtra = List.of();
        byte[] ackBody = NO_BODY;
        PendingAck older;

        PendingAck(Leg ackLeg, long ackCseq, Runnable stopRetransmitting, Dialog target, long targetCseq,
                List<SipHeader> targetCredentials) {
            this.ackLeg = ackLeg;
            this.ackCseq = ackCseq;
            this.stop = stopRetransmitting;
            this.target = target;
            this.targetCseq = targetCseq;
            this.targetCredentials = targetCredentials;
        }

        void stopRetransmitting() {
            stop.run();
            stop = NOTHING;
        }

        /** What the ACK we sent on {@link #target} was made of, to build it again (see strayTwoXx). */
        void ackSent(List<SipHeader> extra, byte[] body) {
            ackSent = true;
            ackExtra = extra;
            ackBody = body;
        }
    }

    @Override
    public String toString() {
        // no Call-ID: carriers put numbers in them
        return "Call[" + state + ", " + (System.nanoTime() - startNanos) / 1_000_000 + " ms]";
    }
}
