package io.maskgate.smpp.relay;

import io.maskgate.core.routing.Decision;
import io.maskgate.smpp.pdu.CommandStatus;
import io.maskgate.smpp.upstream.UpstreamBusyException;
import io.maskgate.smpp.upstream.UpstreamRejectedException;
import io.maskgate.smpp.upstream.UpstreamUnavailableException;

/**
 * The command_status an ESME gets for each way a submit can fail (DESIGN.md section 7). One
 * place, so operators can tell masking faults (0x0B, 0x45) from carrier faults (0x08).
 */
public final class SmppRefusals {
    private SmppRefusals() {}

    /**
     * A routing refusal. INVALID_NUMBER is split by which number was bad: the caller's own
     * source_addr (ESME_RINVSRCADR) or the dialled proxy (ESME_RINVDSTADR), as the Router says.
     */
    public static int forRefusal(Decision.Refuse refusal) {
        return switch (refusal.reason()) {
            case INVALID_NUMBER -> refusal.callerNumberInvalid() ? CommandStatus.ESME_RINVSRCADR : CommandStatus.ESME_RINVDSTADR;
            case NO_SESSION, MODE_NOT_ALLOWED -> CommandStatus.ESME_RINVDSTADR;
            case CONSENT_DENIED -> CommandStatus.ESME_RSUBMITFAIL;
            case STORE_UNAVAILABLE, CONSENT_UNAVAILABLE -> CommandStatus.ESME_RSYSERR;
        };
    }

    /**
     * An upstream failure. Throttling and queue-full pass through so the ESME slows down; a bad
     * destination at the carrier is the ESME's destination too; a refused source_addr is our
     * proxy number, so our fault (ESME_RSYSERR); anything else is ESME_RSUBMITFAIL.
     */
    public static int forUpstreamFailure(Throwable failure) {
        if (failure instanceof UpstreamBusyException) {
            return CommandStatus.ESME_RTHROTTLED;
        }
        if (failure instanceof UpstreamRejectedException rejected) {
            return switch (rejected.commandStatus()) {
                case CommandStatus.ESME_RTHROTTLED, CommandStatus.ESME_RMSGQFUL, CommandStatus.ESME_RINVDSTADR ->
                        rejected.commandStatus();
                case CommandStatus.ESME_RINVSRCADR -> CommandStatus.ESME_RSYSERR;
                default -> CommandStatus.ESME_RSUBMITFAIL;
            };
        }
        if (failure instanceof UpstreamUnavailableException) {
            return CommandStatus.ESME_RSYSERR;
        }
        return CommandStatus.ESME_RSYSERR;
    }
}
