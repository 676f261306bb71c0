package io.maskgate.smpp.relay;

import io.maskgate.smpp.message.SubmitRequest;
import io.maskgate.smpp.message.Tlv;
import io.maskgate.smpp.metrics.SmppMetrics;
import io.maskgate.smpp.pdu.CommandStatus;
import io.maskgate.smpp.receipt.MessageIdStore;
import io.maskgate.smpp.receipt.ReceiptRoute;
import io.maskgate.smpp.receipt.ReceiptText;
import io.maskgate.smpp.receipt.Receipts;
import io.maskgate.smpp.server.EsmeDeliverer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivery receipts from upstream (DESIGN.md section 7): looks the upstream id up in the
 * {@link MessageIdStore} (by SMSC name, so any bind to that SMSC matches), rewrites it so the ESME
 * sees its own message id and only the proxy number, and delivers it to a receiving bind of the
 * account that submitted the message.
 *
 * <p>Rewrite: source_addr = the proxy V as the ESME addressed it, destination_addr = the ESME's
 * own source_addr; receipted_message_id and the text's {@code id:} = our id; TLVs outside the
 * allow-list (anything but content, message_state, network_error_code) dropped.
 *
 * <p>deliver_sm_resp to the SMSC: ESME_ROK once the ESME acknowledged; ESME_RX_T_APPN when the
 * map or the ESME cannot answer now (the SMSC retries); ESME_ROK for a receipt nobody asked for
 * or whose mapping expired (counted as unmatched and dropped: retrying would not help).
 */
public final class ReceiptRelay {
    private static final Logger log = LoggerFactory.getLogger(ReceiptRelay.class);

    private final MessageIdStore store;
    private final EsmeDeliverer deliverer;
    private final RelayOptions options;
    private final TlvPolicy tlvs = new TlvPolicy(java.util.Set.of());
    private final SmppMetrics metrics;

    public ReceiptRelay(MessageIdStore store, EsmeDeliverer deliverer, RelayOptions options, SmppMetrics metrics) {
        this.store = Objects.requireNonNull(store, "store");
        this.deliverer = Objects.requireNonNull(deliverer, "deliverer");
        this.options = Objects.requireNonNull(options, "options");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    public int deliver(String smscName, SubmitRequest receipt) {
        Optional<String> upstreamId = Receipts.upstreamId(receipt);
        if (upstreamId.isEmpty()) {
            return count("no_id", CommandStatus.ESME_ROK);
        }
        Optional<ReceiptRoute> route;
        try {
            route = store.find(smscName, upstreamId.get()).get(options.storeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            log.warn("Receipt from {}: message-id map unavailable ({})", smscName, cause.getClass().getSimpleName());
            return count("store_unavailable", CommandStatus.ESME_RX_T_APPN);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return count("store_unavailable", CommandStatus.ESME_RX_T_APPN);
        }
        if (route.isEmpty()) {
            return count("unmatched", CommandStatus.ESME_ROK);
        }
        SubmitRequest toEsme = rewrite(receipt, route.get());
        int status = EsmeOutcomes.toUpstreamStatus(deliverer.deliver(route.get().systemId(), toEsme));
        log.info("Receipt for {} to {}: {}", route.get().messageId(), route.get().systemId(), CommandStatus.name(status));
        return count(status == CommandStatus.ESME_ROK ? "delivered" : "not_delivered", status);
    }

    static SubmitRequest rewrite(SubmitRequest receipt, ReceiptRoute route, TlvPolicy tlvs) {
        List<Tlv> kept = new ArrayList<>(tlvs.forEsme(receipt.tlvs()));
        if (receipt.tlv(Tlv.RECEIPTED_MESSAGE_ID).isPresent()) {
            kept.add(Tlv.cString(Tlv.RECEIPTED_MESSAGE_ID, route.messageId()));
        }
        return receipt
                .withAddresses(route.esmeDestination(), route.esmeSource())
                .withShortMessage(ReceiptText.withId(receipt.shortMessage(), route.messageId()))
                .withTlvs(kept);
    }

    private SubmitRequest rewrite(SubmitRequest receipt, ReceiptRoute route) {
        return rewrite(receipt, route, tlvs);
    }

    private int count(String outcome, int status) {
        metrics.delivery("receipt", outcome);
        return status;
    }
}
