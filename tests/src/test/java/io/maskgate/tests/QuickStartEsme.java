package io.maskgate.tests;

import java.nio.charset.StandardCharsets;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;

/**
 * A jsmpp ESME bound with the shipped QUICK START account, as the end-to-end tests drive the
 * gateway's SMPP port: one transceiver bind, and a plain submit_sm (international/ISDN addresses,
 * default GSM data coding, no delivery receipt) from one E.164 number to another.
 */
final class QuickStartEsme {

    /** The QUICK START account shipped in conf/gateway.yaml (smpp.accounts[0]). */
    static final String SYSTEM_ID = "quickstart";
    static final String PASSWORD = "mgqs2026";
    /** Long enough for a submit the gateway relays upstream at once. */
    static final long TRANSACTION_TIMER_MILLIS = 5_000;
    private static final int BIND_TIMEOUT_MILLIS = 5_000;

    private QuickStartEsme() {
    }

    /** A BIND_TRX session on {@code 127.0.0.1:port} with the default transaction timer. */
    static SMPPSession bind(int port) throws Exception {
        return bind(port, TRANSACTION_TIMER_MILLIS);
    }

    /** As {@link #bind(int)}, for a test whose submits may be held upstream longer than the default timer. */
    static SMPPSession bind(int port, long transactionTimerMillis) throws Exception {
        SMPPSession session = new SMPPSession();
        session.setTransactionTimer(transactionTimerMillis);
        session.connectAndBind("127.0.0.1", port, new BindParameter(BindType.BIND_TRX, SYSTEM_ID, PASSWORD, "",
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), BIND_TIMEOUT_MILLIS);
        return session;
    }

    /**
     * One submit_sm of {@code text} (GSM default alphabet, sent as ISO-8859-1 bytes) from
     * {@code fromE164} to {@code toE164}, both without their {@code +} on the wire; the message id
     * the gateway answered. A refusal comes back as jsmpp's NegativeResponseException.
     */
    static String submit(SMPPSession esme, String fromE164, String toE164, String text) throws Exception {
        return submit(esme, fromE164, toE164, text, false);
    }

    /** As {@link #submit(SMPPSession, String, String, String)}, asking for a delivery receipt when {@code receipt}. */
    static String submit(SMPPSession esme, String fromE164, String toE164, String text, boolean receipt)
            throws Exception {
        return esme.submitShortMessage(null, TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
                fromE164.substring(1), TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, toE164.substring(1),
                new ESMClass(), (byte) 0, (byte) 0, null, null, new RegisteredDelivery(receipt ? 1 : 0), (byte) 0,
                new GeneralDataCoding(), (byte) 0, text.getBytes(StandardCharsets.ISO_8859_1)).getMessageId();
    }

    /**
     * For {@link Teardown#closeAll}: unbinds before closing (SMPPSession's own close() drops the
     * socket without an unbind); null when there is no session.
     */
    static AutoCloseable unbinding(SMPPSession esme) {
        return esme == null ? null : esme::unbindAndClose;
    }
}
