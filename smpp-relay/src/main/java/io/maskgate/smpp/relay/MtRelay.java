package io.maskgate.smpp.relay;

import io.maskgate.core.number.InvalidNumberException;
import io.maskgate.core.number.NumberNormalizer;
import io.maskgate.core.routing.Channel;
import io.maskgate.core.routing.Decision;
import io.maskgate.core.routing.Router;
import io.maskgate.smpp.message.SmppAddress;
import io.maskgate.smpp.message.SubmitRequest;
import io.maskgate.smpp.server.SmppRefusalException;
import io.maskgate.smpp.server.SubmitSmHandler;
import io.maskgate.smpp.upstream.UpstreamSubmitter;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mobile-terminated relay (DESIGN.md sections 2 and 7): a submit_sm from X to proxy V becomes,
 * on a {@link Decision.Route}, a submit_sm upstream from V to X's counterpart, every other field
 * unchanged. Fail closed: nothing goes upstream unless the decision is a route; the ESME gets our
 * own message_id only after the upstream accepted the message.
 */
public final class MtRelay implements SubmitSmHandler {
    private static final Logger log = LoggerFactory.getLogger(MtRelay.class);

    private final Router router;
    private final NumberNormalizer normalizer;
    private final UpstreamSubmitter upstream;
    private final Supplier<String> messageIds;
    private final byte sourceTon;
    private final byte sourceNpi;

    /**
     * @param sourceTon TON of the presented proxy number in source_addr (conf; normally 1)
     * @param sourceNpi NPI of the presented proxy number in source_addr (conf; normally 1)
     */
    public MtRelay(Router router, NumberNormalizer normalizer, UpstreamSubmitter upstream,
            Supplier<String> messageIds, byte sourceTon, byte sourceNpi) {
        this.router = Objects.requireNonNull(router, "router");
        this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.messageIds = Objects.requireNonNull(messageIds, "messageIds");
        this.sourceTon = sourceTon;
        this.sourceNpi = sourceNpi;
    }

    @Override
    public CompletableFuture<String> submit(String systemId, SubmitRequest request) {
        String caller = request.source().asDialString();
        String proxy = request.destination().asDialString();
        return router.decide(proxy, caller, Channel.SMS).thenCompose(decision -> {
            if (decision instanceof Decision.Route route) {
                return relay(systemId, request, route);
            }
            Decision.Refuse refuse = (Decision.Refuse) decision;
            int status = SmppRefusals.forRefusal(refuse.reason(), isInvalid(caller));
            log.info("MT from {} refused: {} ({})", systemId, refuse.reason(), refuse.detail());
            return CompletableFuture.failedFuture(SmppRefusalException.create(status, refuse.reason().tag()));
        });
    }

    private CompletableFuture<String> relay(String systemId, SubmitRequest request, Decision.Route route) {
        SubmitRequest outbound = request.withAddresses(
                new SmppAddress(sourceTon, sourceNpi, route.presented().digits()),
                SmppAddress.international(route.target().digits()));
        return upstream.submit(outbound).handle((result, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                int status = SmppRefusals.forUpstreamFailure(cause);
                log.warn("MT from {} in session {} failed upstream: {}", systemId, route.sessionId(), cause.getMessage());
                throw SmppRefusalException.create(status, "upstream");
            }
            String ours = messageIds.get();
            log.info("MT from {} in session {} relayed via {} as {}", systemId, route.sessionId(),
                    result.upstreamName(), ours);
            return ours;
        });
    }

    private boolean isInvalid(String raw) {
        try {
            normalizer.normalize(raw);
            return false;
        } catch (InvalidNumberException e) {
            return true;
        }
    }
}
