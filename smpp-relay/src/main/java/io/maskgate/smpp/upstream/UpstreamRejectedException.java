package io.maskgate.smpp.upstream;

import io.maskgate.smpp.pdu.CommandStatus;

/** The upstream SMSC answered the submit_sm with an error command_status. */
public final class UpstreamRejectedException extends UpstreamException {
    private static final long serialVersionUID = 1L;

    private final int commandStatus;

    private UpstreamRejectedException(String message, int commandStatus) {
        super(message, null);
        this.commandStatus = commandStatus;
    }

    static UpstreamRejectedException create(String upstream, int commandStatus) {
        return new UpstreamRejectedException(upstream + " answered " + CommandStatus.name(commandStatus), commandStatus);
    }

    public int commandStatus() {
        return commandStatus;
    }
}
