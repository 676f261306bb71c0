package io.maskgate.smpp.upstream;

import io.maskgate.smpp.message.JsmppMessages;
import io.maskgate.smpp.message.SubmitRequest;
import io.maskgate.smpp.message.SubmitResult;
import io.maskgate.smpp.metrics.SmppMetrics;
import io.maskgate.smpp.pdu.BoundedPduReader;
import io.maskgate.smpp.pdu.PduListener;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jsmpp.DefaultPDUSender;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.PDUSender;
import org.jsmpp.SynchronizedPDUSender;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCoding;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.ConnectionFactory;
import org.jsmpp.session.connection.socket.SocketConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One transceiver bind to one upstream SMSC, kept up: connects, binds, and when the session
 * closes for any reason schedules a new one with capped exponential backoff. jsmpp sends
 * enquire_link after {@link UpstreamOptions#enquireLinkInterval()} of silence and closes the
 * session when it goes unanswered, which lands here as a reconnect.
 */
final class UpstreamBind {
    private static final Logger log = LoggerFactory.getLogger(UpstreamBind.class);
    /** SMPP 3.4 section 4.1.1: password is a C-Octet String of at most 9 octets, NUL included. */
    static final int MAX_PASSWORD_LENGTH = 8;

    private final UpstreamSmsc smsc;
    private final UpstreamOptions options;
    private final ScheduledExecutorService scheduler;
    private final UpstreamReceiver receiver;
    private final SmppMetrics metrics;
    private final String label;
    private final Backoff backoff;
    private final AtomicReference<SMPPSession> current = new AtomicReference<>();
    private volatile int failedAttempts;
    private volatile boolean stopped;

    /** @param index which of the SMSC's binds this is (0-based), for logs */
    UpstreamBind(UpstreamSmsc smsc, int index, UpstreamOptions options, ScheduledExecutorService scheduler,
            UpstreamDeliverHandler handler, SmppMetrics metrics) {
        this.smsc = Objects.requireNonNull(smsc, "smsc");
        this.options = options;
        this.scheduler = scheduler;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.receiver = new UpstreamReceiver(smsc.name(), handler, metrics, options.moWindow());
        this.label = smsc.name() + "#" + (index + 1);
        this.backoff = new Backoff(options.reconnectInitial(), options.reconnectMax());
    }

    String name() {
        return smsc.name();
    }

    String label() {
        return label;
    }

    void start() {
        scheduler.execute(this::connect);
    }

    boolean isHealthy() {
        SMPPSession session = current.get();
        return session != null && session.getSessionState() == SessionState.BOUND_TRX;
    }

    private void connect() {
        if (stopped) {
            return;
        }
        String password = smsc.password().get();
        if (password.length() > MAX_PASSWORD_LENGTH) {
            // jsmpp would refuse too, but its exception message and ERROR log quote the password.
            log.error("Password for {} is longer than {} characters (SMPP 3.4 section 4.1.1); not binding",
                    smsc, MAX_PASSWORD_LENGTH);
            scheduleReconnect();
            return;
        }
        SMPPSession session = newSession();
        try {
            session.connectAndBind(smsc.host(), smsc.port(), new BindParameter(BindType.BIND_TRX, smsc.systemId(),
                    password, smsc.systemType(), TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN,
                    null), options.responseTimeout().toMillis());
        } catch (IOException e) {
            // Only the type: jsmpp's messages can quote bind parameters, the password included.
            log.warn("Bind to {} failed: {}", smsc, describe(e));
            session.close();
            scheduleReconnect();
            return;
        }
        failedAttempts = 0;
        current.set(session);
        session.addSessionStateListener((newState, oldState, source) -> {
            if (newState == SessionState.CLOSED && current.compareAndSet(session, null)) {
                log.warn("Bind {} lost", label);
                scheduleReconnect();
            }
        });
        if (!session.getSessionState().isBound() && current.compareAndSet(session, null)) {
            scheduleReconnect();
            return;
        }
        log.info("Bound {} to {}", label, smsc);
        if (stopped) {
            session.unbindAndClose();
        }
    }

    /** Exception types down the cause chain, never their messages. */
    private static String describe(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null && out.length() < 200; t = t.getCause()) {
            out.append(out.length() == 0 ? "" : " <- ").append(t.getClass().getSimpleName());
        }
        return out.toString();
    }

    private SMPPSession newSession() {
        PDUSender sender = new SynchronizedPDUSender(new DefaultPDUSender());
        AtomicReference<Connection> connection = new AtomicReference<>();
        ConnectionFactory factory = (host, port) -> {
            Connection c = SocketConnectionFactory.getInstance().createConnection(host, port);
            connection.set(c);
            return c;
        };
        PduListener counting = new PduListener() {
            @Override
            public void onPdu(int commandId, int commandStatus) {
                metrics.pdu(SmppMetrics.Direction.IN, commandId, commandStatus);
            }

            @Override
            public void onRejected(io.maskgate.smpp.pdu.PduRejection rejection, int commandId) {
                metrics.pdu(SmppMetrics.Direction.OUT, org.jsmpp.SMPPConstant.CID_GENERIC_NACK,
                        org.jsmpp.SMPPConstant.STAT_ESME_RINVCMDLEN);
            }
        };
        BoundedPduReader reader = new BoundedPduReader(options.maxCommandLength(),
                (status, sequence) -> sender.sendGenericNack(connection.get().getOutputStream(), status, sequence),
                counting);
        SMPPSession session = new SMPPSession(sender, reader, factory);
        session.setEnquireLinkTimer((int) options.enquireLinkInterval().toMillis());
        session.setTransactionTimer(options.responseTimeout().toMillis());
        // Workers run deliver_sm handlers (up to moWindow, each blocking until the ESME answers)
        // and every response to our submits; the spare ones keep submit_sm_resp flowing while
        // the MO window is full. The queue in front of them is bounded (jsmpp blocks its reader
        // when it is full, which pushes back on the SMSC through TCP).
        session.setPduProcessorDegree(options.moWindow() + 4);
        session.setQueueCapacity(options.maxInFlight() + options.moWindow() + 16);
        session.setMessageReceiverListener(receiver);
        return session;
    }

    private void scheduleReconnect() {
        if (stopped) {
            return;
        }
        long delay = backoff.delay(failedAttempts++).toMillis();
        log.info("Reconnecting {} in {} ms", label, delay);
        scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    /** Blocking submit on this bind; jsmpp's call waits at most the response timeout. */
    SubmitResult submit(SubmitRequest r) {
        SMPPSession session = current.get();
        if (session == null) {
            throw UpstreamUnavailableException.create(smsc.name(), "not bound", null);
        }
        metrics.pdu(SmppMetrics.Direction.OUT, org.jsmpp.SMPPConstant.CID_SUBMIT_SM, 0);
        try {
            String id = session.submitShortMessage(
                    JsmppMessages.nullIfEmpty(r.serviceType()),
                    TypeOfNumber.valueOf(r.source().ton()), NumberingPlanIndicator.valueOf(r.source().npi()),
                    r.source().address(),
                    TypeOfNumber.valueOf(r.destination().ton()), NumberingPlanIndicator.valueOf(r.destination().npi()),
                    r.destination().address(),
                    new ESMClass(r.esmClass()), r.protocolId(), r.priorityFlag(),
                    JsmppMessages.nullIfEmpty(r.scheduleDeliveryTime()), JsmppMessages.nullIfEmpty(r.validityPeriod()),
                    new RegisteredDelivery(r.registeredDelivery()), r.replaceIfPresent(),
                    rawDataCoding(r.dataCoding()), r.smDefaultMsgId(), r.shortMessage(),
                    JsmppMessages.optionalParameters(r.tlvs())).getMessageId();
            return new SubmitResult(id, smsc.name());
        } catch (NegativeResponseException e) {
            throw UpstreamRejectedException.create(smsc.name(), e.getCommandStatus());
        } catch (ResponseTimeoutException e) {
            throw UpstreamUnavailableException.create(smsc.name(), "no submit_sm_resp in time", e);
        } catch (PDUException | InvalidResponseException | IOException e) {
            throw UpstreamUnavailableException.create(smsc.name(), "submit failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /** data_coding exactly as received; jsmpp's DataCodings would re-interpret the octet. */
    private static DataCoding rawDataCoding(byte value) {
        return () -> value;
    }

    void stop() {
        stopped = true;
        SMPPSession session = current.getAndSet(null);
        if (session != null) {
            session.unbindAndClose();
        }
    }

    @Override
    public String toString() {
        return "UpstreamBind[" + label + ", healthy=" + isHealthy() + "]";
    }
}
