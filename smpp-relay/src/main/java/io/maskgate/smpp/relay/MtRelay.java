package io.maskgate.smpp.relay;

import io.maskgate.core.concurrent.Timeouts;
import io.maskgate.core.routing.Channel;
import io.maskgate.core.routing.Decision;
import io.maskgate.core.routing.Router;
import io.maskgate.smpp.message.SmppAddress;
import io.maskgate.smpp.message.SubmitRequest;
import io.maskgate.smpp.message.SubmitResult;
import io.maskgate.smpp.metrics.SmppMetrics;
import io.maskgate.smpp.receipt.MessageIdStore;
import io.maskgate.smpp.receipt.ReceiptRoute;
import io.maskgate.smpp.server.SmppRefusalException;
import io.maskgate.smpp.server.SubmitSmHandler;
import io.maskgate.smpp.upstream.UpstreamSubmitter;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mobile-terminated relay (DESIGN.md sections 2 and 7): a submit_sm from X to proxy V becomes,
 * on a {@link Decision.Route}, a submit_sm upstream from V to X's counterpart, every other field
 * unchanged except TLVs outside {@link TlvPolicy}'s allow-list. Fail closed: nothing goes
 * upstream unless the DLT check passed and the decision is a route; the ESME gets our own
 * message_id only after the upstream accepted the message.
 *
 * <p>When the ESME asked for a receipt, the upstream id is mapped to a {@link ReceiptRoute}
 * before the ESME is answered, so a receipt cannot overtake its mapping. A failed map write does
 * not fail the submit (the message is already on its way; failing would make the ESME send it
 * twice); only its receipt is lost, and counted.
 */
public final class MtRelay implements SubmitSmHandler {
    /** registered_delivery bits (SMPP 3.4 section 5.2.17): SMSC receipt (bits 0-1), intermediate notification (bit 4). */
    private static final int RECEIPT_REQUESTED = 0x13;
    private static final Logger log = LoggerFactory.getLogger(MtRelay.class);

    private final Router router;
    private final UpstreamSubmitter upstream;
    private final MessageIdStore messageIdStore;
    private final Supplier<String> messageIds;
    private final RelayOptions options;
    private final SmppAddressing addressing;
    private final DltCheck dlt;
    private final TlvPolicy tlvs;
    private final SmppMetrics metrics;
    private final SmsEvents events;
    private final PendingSubmits pending = new PendingSubmits();

    public MtRelay(Router router, UpstreamSubmitter upstream, MessageIdStore messageIdStore,
            Supplier<String> messageIds, RelayOptions options, SmppAddressing addressing, SmppMetrics metrics,
            SmsEvents events) {
        this.router = Objects.requireNonNull(router, "router");
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.messageIdStore = Objects.requireNonNull(messageIdStore, "messageIdStore");
        this.messageIds = Objects.requireNonNull(messageIds, "messageIds");
        this.options = Objects.requireNonNull(options, "options");
        this.addressing = Objects.requireNonNull(addressing, "addressing");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.events = Objects.requireNonNull(events, "events");
        this.dlt = new DltCheck(options.dlt());
        java.util.Set<Short> extra = new java.util.HashSet<>(options.extraMtTlvTags());
        extra.add(options.dlt().peIdTag());
        extra.add(options.dlt().templateIdTag());
        this.tlvs = new TlvPolicy(extra);
    }

    @Override
    public CompletableFuture<String> submit(String systemId, SubmitRequest request) {
        OptionalInt dltRefusal = dlt.refusal(systemId, request);
        if (dltRefusal.isPresent()) {
            log.info("MT from {} refused: DLT identifiers missing or invalid", systemId);
            return CompletableFuture.failedFuture(SmppRefusalException.create(dltRefusal.getAsInt(), "dlt"));
        }
        String caller = request.source().asDialString();
        String proxy = request.destination().asDialString();
        return router.decide(proxy, caller, Channel.SMS).thenCompose(decision -> {
            if (decision instanceof Decision.Route route) {
                return relay(systemId, request, route);
            }
            // SMS has no fallback: an out-of-session sender is refused as such
            Decision.Refuse refuse = decision instanceof Decision.Fallback fallback ? fallback.asRefusal()
                    : (Decision.Refuse) decision;
            int status = SmppRefusals.forRefusal(refuse);
            log.info("MT from {} refused: {} ({})", systemId, refuse.reason(), refuse.detail());
            return CompletableFuture.failedFuture(SmppRefusalException.create(status, refuse.reason().tag()));
        });
    }

    /**
     * Refuses, with the consent-denied status, every routed submit not yet answered that
     * {@code which} selects (consent revoked while it waited); returns how many.
     */
    public int refusePending(java.util.function.Predicate<PendingSubmit> which) {
        return pending.refuse(which);
    }

    /** Routed submits whose ESME is still waiting for its answer. */
    public int pendingSubmits() {
        return pending.size();
    }

    /**
     * Sends the routed submit upstream and settles the ESME's answer from the callbacks directly:
     * every chained stage is an allocation and a completion pass on the thread that completes it
     * (the SMPP reader or the Redis event loop, both busy at load), so the steps after the SMSC's
     * answer are plain calls in one callback, and the receipt-map write's in another.
     */
    private CompletableFuture<String> relay(String systemId, SubmitRequest request, Decision.Route route) {
        PendingSubmits.Entry entry = pending.add(route);
        if (entry.refused()) {
            return entry.answer; // revoked between the decision and here: nothing leaves
        }
        CompletableFuture<SubmitResult> sent;
        try {
            SubmitRequest outbound = request
                    .withAddresses(addressing.presented(route.presented()),
                            SmppAddress.international(route.target().digits()))
                    .withTlvs(tlvs.forUpstream(request.tlvs()));
            sent = upstream.submit(outbound);
        } catch (RuntimeException e) {
            entry.answer.completeExceptionally(e);
            return entry.answer;
        }
        sent.whenComplete((result, error) -> {
            if (error != null) {
                entry.answer.completeExceptionally(upstreamFailure(systemId, route, error));
            } else if (!entry.refused()) { // refused while the SMSC answered: the ESME already has its answer
                try {
                    accepted(systemId, request, route, result, entry.answer);
                } catch (RuntimeException e) {
                    entry.answer.completeExceptionally(e);
                }
            }
        });
        return entry.answer;
    }

    private static SmppRefusalException upstreamFailure(String systemId, Decision.Route route, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        int status = SmppRefusals.forUpstreamFailure(cause);
        log.warn("MT from {} in session {} failed upstream: {}", systemId, route.sessionId(), cause.getMessage());
        return SmppRefusalException.create(status, "upstream");
    }

    /** The upstream took it: our message_id, the event, and (when asked for) the receipt mapping, then the answer. */
    private void accepted(String systemId, SubmitRequest request, Decision.Route route, SubmitResult result,
            CompletableFuture<String> answer) {
        String ours = messageIds.get();
        // the upstream accepted it: relayed, whatever becomes of its receipt mapping
        events.relayed(route, systemId, result.upstreamName());
        // DEBUG: one line per message would be thousands of lines a second at load (and costs
        // throughput); the submit_sm PDU counters and the submit timer account for each one.
        log.debug("MT from {} in session {} relayed via {} as {}", systemId, route.sessionId(), result.upstreamName(),
                ours);
        if ((request.registeredDelivery() & RECEIPT_REQUESTED) == 0) {
            answer.complete(ours);
            return;
        }
        ReceiptRoute receipt = new ReceiptRoute(ours, systemId, request.source(), request.destination());
        CompletableFuture<Void> write;
        try {
            write = messageIdStore.put(result.upstreamName(), result.upstreamMessageId(), receipt, route.sessionId());
        } catch (RuntimeException e) {
            write = CompletableFuture.failedFuture(e);
        }
        Timeouts.orTimeout(write, options.storeTimeout().toMillis()).whenComplete((ok, error) -> {
            metrics.receiptMapWrite(error == null);
            if (error != null) {
                log.warn("Receipt mapping for {} not stored ({}); its receipt will not reach {}", ours,
                        error.getClass().getSimpleName(), systemId);
            }
            answer.complete(ours);
        });
    }

}
