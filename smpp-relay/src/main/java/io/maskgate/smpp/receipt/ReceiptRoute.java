package io.maskgate.smpp.receipt;

import io.maskgate.smpp.message.SmppAddress;
import java.util.Objects;

/**
 * What the relay needs to turn an upstream receipt into the ESME's receipt, and nothing more:
 * our message id, which account submitted, and the two addresses exactly as the ESME sent them
 * (its own source_addr and the proxy number it addressed). The counterpart's real number is not
 * kept: the ESME never saw it and never will.
 *
 * <p>The receipt the ESME gets has source_addr = {@link #esmeDestination()} (the proxy V, the
 * recipient as the ESME knows it) and destination_addr = {@link #esmeSource()} (its own sender
 * address, echoed back as SMPP 3.4 Appendix B receipts address the originator).
 * {@link #toString()} masks both addresses.
 */
public record ReceiptRoute(String messageId, String systemId, SmppAddress esmeSource, SmppAddress esmeDestination) {
    public ReceiptRoute {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(esmeSource, "esmeSource");
        Objects.requireNonNull(esmeDestination, "esmeDestination");
    }
}
