package io.maskgate.smpp.relay;

import io.maskgate.smpp.message.SubmitRequest;
import io.maskgate.smpp.message.Tlv;
import io.maskgate.smpp.pdu.CommandStatus;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Applies {@link DltOptions} to a submit_sm. A missing TLV is ESME_RMISSINGOPTPARAM (0xC3,
 * "expected optional parameter missing"); one present but empty (only NULs) or longer than
 * {@value DltOptions#MAX_VALUE_LENGTH} octets is ESME_RINVOPTPARAMVAL (0xC4). Both are permanent:
 * the ESME must fix its message.
 */
final class DltCheck {
    private final DltOptions options;

    DltCheck(DltOptions options) {
        this.options = options;
    }

    /** The refusal status, or empty when the submit may go on. */
    OptionalInt refusal(String systemId, SubmitRequest request) {
        if (!options.requiredFor().contains(systemId)) {
            return OptionalInt.empty();
        }
        for (short tag : new short[] {options.peIdTag(), options.templateIdTag()}) {
            Optional<Tlv> tlv = request.tlv(tag);
            if (tlv.isEmpty()) {
                return OptionalInt.of(CommandStatus.ESME_RMISSINGOPTPARAM);
            }
            if (tlv.get().asCString().isEmpty() || tlv.get().value().length > DltOptions.MAX_VALUE_LENGTH) {
                return OptionalInt.of(CommandStatus.ESME_RINVOPTPARAMVAL);
            }
        }
        return OptionalInt.empty();
    }
}
