package io.maskgate.smpp.server;

import io.maskgate.smpp.pdu.CommandStatus;

/**
 * A request is refused with a specific SMPP command_status. Completes a submit future
 * exceptionally; the server face answers the ESME with {@link #commandStatus()}. The message
 * never contains a phone number.
 */
public final class SmppRefusalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int commandStatus;

    private SmppRefusalException(int commandStatus, String message) {
        super(message, null, false, false);
        this.commandStatus = commandStatus;
    }

    public static SmppRefusalException create(int commandStatus, String why) {
        return new SmppRefusalException(commandStatus, CommandStatus.name(commandStatus) + ": " + why);
    }

    public int commandStatus() {
        return commandStatus;
    }
}
