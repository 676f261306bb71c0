package io.maskgate.smpp.testing;

import java.io.IOException;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;

/** A real jsmpp ESME for tests: binds to 127.0.0.1 and reports a refused bind's command_status. */
public final class EsmeClient {
    private EsmeClient() {}

    public static SMPPSession bind(int port, BindType type, String systemId, String password) throws IOException {
        SMPPSession session = new SMPPSession();
        session.setTransactionTimer(5_000);
        session.setEnquireLinkTimer(60_000);
        session.connectAndBind("127.0.0.1", port, new BindParameter(type, systemId, password, "",
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), 5_000);
        return session;
    }

    /** The command_status of a refused bind, or fails the test when the bind succeeded. */
    public static int refusedBindStatus(int port, BindType type, String systemId, String password) {
        try {
            SMPPSession session = bind(port, type, systemId, password);
            session.unbindAndClose();
            throw new AssertionError("bind of " + systemId + " was accepted");
        } catch (IOException e) {
            if (e.getCause() instanceof NegativeResponseException negative) {
                return negative.getCommandStatus();
            }
            throw new AssertionError("bind failed without a bind_resp", e);
        }
    }
}
