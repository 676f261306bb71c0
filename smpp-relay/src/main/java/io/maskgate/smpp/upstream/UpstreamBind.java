package io.maskgate.smpp.upstream;

import io.maskgate.smpp.message.SubmitRequest;
import io.maskgate.smpp.message.SubmitResult;
import io.maskgate.smpp.metrics.SmppMetrics;
import io.maskgate.smpp.pdu.BoundedPduReader;
import io.maskgate.smpp.pdu.PduListener;
import io.maskgate.smpp.server.Threads;
import java.io.IOException;
import java.net.Socket;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jsmpp.DefaultPDUSender;
import org.jsmpp.PDUSender;
import org.jsmpp.SynchronizedPDUSender;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.Command;
import org.jsmpp.bean.SubmitSmResp;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.connection.Connection;
import io.maskgate.smpp.tls.SmppTls;
import org.jsmpp.session.connection.ConnectionFactory;
import org.jsmpp.session.connection.socket.SocketConnection;
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
    private final AtomicReference<AsyncSubmitSession> current = new AtomicReference<>();
    /**
     * Writes this bind's submit_sm (see {@link AsyncSubmitSession}). Callers (the Redis event
     * loop, mostly) must not block on a socket write that a slow SMSC can stall.
     */
    private final ExecutorService writer;
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
        this.writer = Executors.newSingleThreadExecutor(Threads.named("smpp-upstream-write-" + label));
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
        AsyncSubmitSession session = current.get();
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
        AsyncSubmitSession session = newSession();
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

    private AsyncSubmitSession newSession() {
        PDUSender sender = new SynchronizedPDUSender(new DefaultPDUSender());
        AtomicReference<Connection> connection = new AtomicReference<>();
        ConnectionFactory factory = (host, port) -> {
            // No Nagle: a submit_sm is one whole-PDU write and must not wait for the SMSC's ACK.
            Socket socket = smsc.tls().isPresent()
                    ? SmppTls.connect(smsc.tls().get(), host, port, (int) options.responseTimeout().toMillis())
                    : new Socket(host, port);
            socket.setTcpNoDelay(true);
            Connection c = new SocketConnection(socket);
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
        AtomicReference<AsyncSubmitSession> created = new AtomicReference<>();
        BoundedPduReader reader = new BoundedPduReader(options.maxCommandLength(),
                (status, sequence) -> sender.sendGenericNack(connection.get().getOutputStream(), status, sequence),
                counting, (commandId, pdu) -> created.get() != null && created.get().claim(commandId, pdu));
        AsyncSubmitSession session = new AsyncSubmitSession(sender, reader, factory, writer);
        created.set(session);
        session.setEnquireLinkTimer((int) options.enquireLinkInterval().toMillis());
        session.setTransactionTimer(options.responseTimeout().toMillis());
        // Workers run deliver_sm handlers (up to moWindow, each blocking until the ESME answers)
        // and every response to our submits (completing the relay's futures, which does not
        // block); the spare ones keep submit_sm_resp flowing while the MO window is full. The
        // queue in front of them is bounded (jsmpp blocks its reader when it is full, which
        // pushes back on the SMSC through TCP).
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
        try {
            scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
            log.info("Reconnecting {} in {} ms", label, delay);
        } catch (RejectedExecutionException e) {
            // close() ran between the check above and here (a bind lost while the relay shuts
            // down: stop() sets the flag, then the client shuts the scheduler): there is nothing
            // to reconnect for. Thrown on, jsmpp would log it as an ERROR with a stack trace.
            log.debug("Not reconnecting {}: the upstream client is closed", label);
        }
    }

    /**
     * Submits on this bind without blocking: the submit_sm is written on this bind's writer
     * thread and the result completes when the submit_sm_resp arrives (on a jsmpp worker), fails
     * with {@link UpstreamRejectedException} for an error status, or with
     * {@link UpstreamUnavailableException} when the bind is down, the write fails or no response
     * comes within the response timeout.
     */
    CompletableFuture<SubmitResult> submit(SubmitRequest r) {
        AsyncSubmitSession session = current.get();
        if (session == null) {
            return CompletableFuture.failedFuture(UpstreamUnavailableException.create(smsc.name(), "not bound", null));
        }
        metrics.pdu(SmppMetrics.Direction.OUT, org.jsmpp.SMPPConstant.CID_SUBMIT_SM, 0);
        long timeout = options.responseTimeout().toMillis();
        return session.submit(r, timeout).handle(this::result);
    }

    private SubmitResult result(Command response, Throwable error) {
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof TimeoutException) {
                throw UpstreamUnavailableException.create(smsc.name(), "no submit_sm_resp in time", cause);
            }
            throw UpstreamUnavailableException.create(smsc.name(), "submit failed: " + cause.getClass().getSimpleName(),
                    cause);
        }
        if (response.getCommandStatus() != 0) {
            throw UpstreamRejectedException.create(smsc.name(), response.getCommandStatus());
        }
        if (!(response instanceof SubmitSmResp accepted)) {
            throw UpstreamUnavailableException.create(smsc.name(), "answered submit_sm with command_id 0x"
                    + Integer.toHexString(response.getCommandId()), null);
        }
        return new SubmitResult(accepted.getMessageId(), smsc.name());
    }

    void stop() {
        stopped = true;
        AsyncSubmitSession session = current.getAndSet(null);
        if (session != null) {
            session.unbindAndClose();
        }
        // Queued writes still run, and fail at once on the closed session: every future completes.
        writer.shutdown();
    }

    @Override
    public String toString() {
        return "UpstreamBind[" + label + ", healthy=" + isHealthy() + "]";
    }
}
