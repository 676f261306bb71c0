package io.maskgate.smpp.relay;

import io.maskgate.core.routing.Channel;
import io.maskgate.core.routing.Decision;
import io.maskgate.core.routing.Router;
import io.maskgate.smpp.message.SmppAddress;
import io.maskgate.smpp.message.SubmitRequest;
import io.maskgate.smpp.metrics.SmppMetrics;
import io.maskgate.smpp.pdu.CommandStatus;
import io.maskgate.smpp.server.EsmeDeliverer;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mobile-originated relay (DESIGN.md section 7): a deliver_sm from handset X to proxy V becomes,
 * on a {@link Decision.Route}, a deliver_sm to a receiving bind of the MO account with
 * source_addr = V and destination_addr = the counterpart's real number. X never leaves.
 *
 * <p>The returned command_status is what the SMSC gets in deliver_sm_resp, only after the ESME
 * answered:
 * <ul>
 *   <li>ESME_ROK when the ESME acknowledged; the ESME's own error when it refused.</li>
 *   <li>ESME_RX_T_APPN (0x64, transient: the SMSC retries) when no receiving bind is up, the ESME
 *       did not answer in time, or every bind failed.</li>
 *   <li>A refusal by the routing decision as {@link SmppRefusals#forRefusal}: NO_SESSION and a bad
 *       number are permanent (0x0B/0x0A), consent denied 0x45, store or consent unavailable
 *       ESME_RSYSERR (retried by SMSCs).</li>
 *   <li>ESME_RX_P_APPN (0x65, permanent) when conf names no MO account at all.</li>
 * </ul>
 */
public final class MoRelay {
    private static final Logger log = LoggerFactory.getLogger(MoRelay.class);

    private final Router router;
    private final EsmeDeliverer deliverer;
    private final RelayOptions options;
    private final SmppAddressing addressing;
    private final TlvPolicy tlvs;
    private final SmppMetrics metrics;
    private final SmsEvents events;

    public MoRelay(Router router, EsmeDeliverer deliverer, RelayOptions options,
            SmppAddressing addressing, SmppMetrics metrics, SmsEvents events) {
        this.router = Objects.requireNonNull(router, "router");
        this.deliverer = Objects.requireNonNull(deliverer, "deliverer");
        this.options = Objects.requireNonNull(options, "options");
        this.addressing = Objects.requireNonNull(addressing, "addressing");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.events = Objects.requireNonNull(events, "events");
        this.tlvs = new TlvPolicy(java.util.Set.of());
    }

    /** Blocks for at most the routing timeout plus the server's deliver timeout. */
    public int deliver(String smscName, SubmitRequest mo) {
        if (options.moSystemId().isEmpty()) {
            return count("no_account", CommandStatus.ESME_RX_P_APPN);
        }
        String caller = mo.source().asDialString();
        Decision decision;
        try {
            decision = router.decide(mo.destination().asDialString(), caller, Channel.SMS)
                    .get(options.routingTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.warn("MO from {}: no routing decision ({})", smscName, e.getClass().getSimpleName());
            return count("routing_timeout", CommandStatus.ESME_RSYSERR);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return count("routing_timeout", CommandStatus.ESME_RSYSERR);
        }
        if (decision instanceof Decision.Fallback fallback) {
            decision = fallback.asRefusal(); // SMS has no fallback: refused as out of session
        }
        if (decision instanceof Decision.Refuse refuse) {
            log.info("MO from {} refused: {} ({})", smscName, refuse.reason(), refuse.detail());
            return count("refused", SmppRefusals.forRefusal(refuse));
        }
        Decision.Route route = (Decision.Route) decision;
        SubmitRequest toEsme = mo
                .withAddresses(addressing.presented(route.presented()), SmppAddress.international(route.target().digits()))
                .withTlvs(tlvs.forEsme(mo.tlvs()));
        String systemId = options.moSystemId().get();
        int status = EsmeOutcomes.toUpstreamStatus(deliverer.deliver(systemId, toEsme));
        log.info("MO from {} in session {} to {}: {}", smscName, route.sessionId(), systemId, CommandStatus.name(status));
        if (status == CommandStatus.ESME_ROK) {
            events.relayed(route, systemId, smscName);
        }
        return count(status == CommandStatus.ESME_ROK ? "delivered" : "not_delivered", status);
    }

    private int count(String outcome, int status) {
        metrics.delivery("mo", outcome);
        return status;
    }

}
