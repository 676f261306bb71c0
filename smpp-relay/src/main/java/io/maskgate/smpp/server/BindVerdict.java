package io.maskgate.smpp.server;

import io.maskgate.smpp.pdu.CommandStatus;
import java.util.Locale;

/** The answer to a bind request and the bind_resp command_status it is sent with. */
public enum BindVerdict {
    ACCEPTED(CommandStatus.ESME_ROK),
    /** No account has this system_id (SMPP 3.4 ESME_RINVSYSID). */
    UNKNOWN_SYSTEM_ID(CommandStatus.ESME_RINVSYSID),
    /** The password does not match the account's hash (ESME_RINVPASWD). */
    WRONG_PASSWORD(CommandStatus.ESME_RINVPASWD),
    /** The account already holds as many binds as it may (ESME_RBINDFAIL). */
    TOO_MANY_BINDS(CommandStatus.ESME_RBINDFAIL),
    /** The gateway is draining before it stops: bind to another node (ESME_RBINDFAIL). */
    DRAINING(CommandStatus.ESME_RBINDFAIL);

    private final int commandStatus;

    BindVerdict(int commandStatus) {
        this.commandStatus = commandStatus;
    }

    public int commandStatus() {
        return commandStatus;
    }

    /** Lower-case metric label value. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
