package io.maskgate.smpp.relay;

import io.maskgate.smpp.message.SubmitRequest;
import io.maskgate.smpp.receipt.Receipts;
import io.maskgate.smpp.upstream.UpstreamDeliverHandler;
import java.util.Objects;

/**
 * Splits deliver_sm from upstream: receipts (any esm_class message type, or a
 * receipted_message_id TLV) to the {@link ReceiptRelay}, plain messages (bits 2-5 == 0) to the
 * {@link MoRelay}. Nothing that looks like a receipt is ever routed as MO.
 */
public final class UpstreamDeliveries implements UpstreamDeliverHandler {
    private final MoRelay mo;
    private final ReceiptRelay receipts;

    public UpstreamDeliveries(MoRelay mo, ReceiptRelay receipts) {
        this.mo = Objects.requireNonNull(mo, "mo");
        this.receipts = Objects.requireNonNull(receipts, "receipts");
    }

    @Override
    public int onDeliver(String smscName, SubmitRequest message) {
        return Receipts.isReceipt(message) ? receipts.deliver(smscName, message) : mo.deliver(smscName, message);
    }
}
