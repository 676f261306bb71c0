package io.maskgate.smpp.server;

import io.maskgate.smpp.pdu.BoundedPduReader;
import io.maskgate.smpp.pdu.PduClaimer;
import io.maskgate.smpp.pdu.PduListener;
import io.maskgate.smpp.pdu.PduRejection;
import io.maskgate.smpp.metrics.SmppMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.io.IOException;
import java.net.InetSocketAddress;
import io.maskgate.smpp.tls.SmppTls;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.connection.socket.SocketConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server face: ESMEs bind here (SMPP 3.4 section 2.2) as transmitter, receiver or
 * transceiver. Owns the listening socket, the bind handshake (authentication, bind limits), the
 * registry of live binds and the idle sweeper. What happens to a submit_sm is the
 * {@link SubmitSmHandler}'s business.
 *
 * <p>Every connection reads through a {@link BoundedPduReader}, so command_length is capped
 * before jsmpp allocates anything.
 */
public final class SmppServer implements AutoCloseable {
    /** The system_id we answer in bind_resp. */
    public static final String SERVER_SYSTEM_ID = "maskgate";
    /** A refused bind's connection is closed after this grace, so that the bind_resp is read first. */
    private static final Duration REFUSED_CLOSE_GRACE = Duration.ofMillis(500);
    /**
     * jsmpp PDU workers per ESME connection. None of them waits for the relay (submit_sm answers
     * are deferred, see {@link SubmitResponses}), so a few keep enquire_link, unbind and
     * deliver_sm_resp flowing; more would only add idle threads and thread switches.
     */
    private static final int PDU_WORKERS = 3;

    private static final Logger log = LoggerFactory.getLogger(SmppServer.class);

    private final SmppServerOptions options;
    private volatile EsmeAccounts accounts;
    private final SubmitSmHandler handler;
    private final Clock clock;
    private final BindRegistry registry = new BindRegistry();
    private final SmppServerMetrics metrics;
    private final SmppMetrics pduMetrics;
    private final SubmitRateLimits rateLimits;
    private final EsmeDeliverer deliverer;
    private final ThreadPoolExecutor handshakes;
    private final ScheduledExecutorService timers;
    private volatile ServerSocket serverSocket;
    private volatile ServerSocket tlsServerSocket;
    private volatile boolean closed;
    /** Set by {@link #drain()} (and close): binds are refused, new submits throttled. */
    private volatile boolean draining;

    public SmppServer(SmppServerOptions options, EsmeAccounts accounts, SubmitSmHandler handler,
            MeterRegistry meterRegistry, Clock clock) {
        this(options, accounts, handler, new SmppMetrics(meterRegistry), clock);
    }

    public SmppServer(SmppServerOptions options, EsmeAccounts accounts, SubmitSmHandler handler,
            SmppMetrics metrics, Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pduMetrics = Objects.requireNonNull(metrics, "metrics");
        this.metrics = new SmppServerMetrics(metrics.registry(), registry::binds,
                accounts.all().stream().map(EsmeAccount::systemId).toList());
        this.rateLimits = new SubmitRateLimits(accounts, System::nanoTime);
        this.deliverer = new EsmeDeliverer(registry, metrics);
        for (EsmeAccount account : accounts.all()) {
            String id = account.systemId();
            metrics.windowGauge(id, () -> registry.binds(id).stream().mapToInt(EsmeBind::windowInUse).sum());
            metrics.registerThrottled(id);
        }
        this.handshakes = new ThreadPoolExecutor(0, options.maxPendingBinds(), 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), Threads.named("smpp-bind"));
        this.timers = new ScheduledThreadPoolExecutor(1, Threads.named("smpp-server-timer"));
    }

    /** Opens the listening socket and starts accepting. */
    public void start() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(options.listenHost(), options.listenPort()));
        serverSocket = socket;
        Threads.named("smpp-accept").newThread(() -> acceptLoop(socket)).start();
        if (options.tls().isPresent()) {
            SmppServerOptions.TlsListener tls = options.tls().get();
            try {
                tlsServerSocket = SmppTls.listen(tls.material(),
                        new InetSocketAddress(options.listenHost(), tls.port()), tls.requireClientCertificate());
            } catch (IOException e) {
                closeQuietly(socket);
                throw e;
            }
            ServerSocket tlsSocket = tlsServerSocket;
            Threads.named("smpp-accept-tls").newThread(() -> acceptLoop(tlsSocket)).start();
            log.info("SMPP server listening with TLS on {}", tlsSocket.getLocalSocketAddress());
        }
        long sweepMillis = Math.max(50, Math.min(5_000, options.idleTimeout().toMillis() / 10));
        timers.scheduleWithFixedDelay(this::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
        log.info("SMPP server listening on {} ({})", socket.getLocalSocketAddress(), options);
    }

    /** The bound port (useful with port 0). */
    public int localPort() {
        return serverSocket.getLocalPort();
    }

    /** The bound TLS port, when the TLS listener is on. */
    public java.util.OptionalInt tlsLocalPort() {
        ServerSocket tls = tlsServerSocket;
        return tls == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(tls.getLocalPort());
    }

    public BindRegistry registry() {
        return registry;
    }

    /** Sends deliver_sm (MO messages, receipts) to the binds of a system_id. */
    public EsmeDeliverer deliverer() {
        return deliverer;
    }

    private void acceptLoop(ServerSocket listener) {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.error("SMPP accept failed; server face stops accepting", e);
                }
                return;
            }
            try {
                handshakes.execute(() -> handshake(socket));
            } catch (RejectedExecutionException e) {
                log.warn("Too many pending binds ({}); closing connection from {}",
                        options.maxPendingBinds(), socket.getRemoteSocketAddress());
                closeQuietly(socket);
            }
        }
    }

    private void handshake(Socket socket) {
        SMPPServerSession session;
        SubmitResponses responses;
        ExecutorService responder = Executors.newSingleThreadExecutor(Threads.named("smpp-respond"));
        EsmeBind.Activity activity = new EsmeBind.Activity(clock);
        AtomicReference<EsmeRequestListener> submits = new AtomicReference<>();
        try {
            // Every PDU is one write of a whole PDU; Nagle would hold a submit_sm_resp back until
            // the ESME acknowledges the previous one (up to its delayed-ACK timer, 40 ms on Linux).
            socket.setTcpNoDelay(true);
            // TLS: the handshake runs here, on the bind pool, bounded like the bind itself
            SmppTls.handshake(socket, (int) options.bindTimeout().toMillis());
            SocketConnection connection = new SocketConnection(socket);
            responses = new SubmitResponses(connection.getOutputStream(), responder);
            session = openSession(connection, responses, activity, submits);
        } catch (IOException e) {
            log.debug("Could not open SMPP session from {}", socket.getRemoteSocketAddress(), e);
            closeQuietly(socket);
            responder.shutdown();
            return;
        }
        // The responder writes this connection's submit_sm_resp; it ends with the session (on a
        // refused or timed-out bind too). Queued answers still run; later ones are written inline.
        session.addSessionStateListener((newState, oldState, source) -> {
            if (newState == SessionState.CLOSED) {
                responder.shutdown();
            }
        });
        BindRequest request;
        try {
            request = session.waitForBind(options.bindTimeout().toMillis());
        } catch (TimeoutException e) {
            log.info("No bind within {} from {}; closed", options.bindTimeout(), socket.getRemoteSocketAddress());
            return;
        }
        bind(session, responses, request, activity, submits);
    }

    /**
     * @param submits the bind's listener once bound: submit_sm on a transmitting bind is then
     *     taken on the reader thread ({@link EsmeRequestListener#claimSubmit}); before that, and in
     *     any other state, jsmpp answers it (a receiver's submit_sm with ESME_RINVBNDSTS)
     */
    private SMPPServerSession openSession(SocketConnection connection, SubmitResponses sender,
            EsmeBind.Activity activity, AtomicReference<EsmeRequestListener> submits) {
        PduListener listener = new PduListener() {
            @Override
            public void onPdu(int commandId, int commandStatus) {
                activity.onPdu(commandId);
                pduMetrics.pdu(SmppMetrics.Direction.IN, commandId, commandStatus);
            }

            @Override
            public void onRejected(PduRejection rejection, int commandId) {
                metrics.pduRejected(rejection);
                pduMetrics.pdu(SmppMetrics.Direction.OUT, org.jsmpp.SMPPConstant.CID_GENERIC_NACK,
                        org.jsmpp.SMPPConstant.STAT_ESME_RINVCMDLEN);
            }
        };
        AtomicReference<SMPPServerSession> created = new AtomicReference<>();
        PduClaimer claimer = (commandId, pdu) -> {
            EsmeRequestListener listening = submits.get();
            SMPPServerSession session = created.get();
            return commandId == SMPPConstant.CID_SUBMIT_SM && listening != null && session != null
                    && session.getSessionState().isTransmittable() && listening.claimSubmit(pdu);
        };
        BoundedPduReader reader = new BoundedPduReader(options.maxCommandLength(),
                (status, sequence) -> sender.sendGenericNack(connection.getOutputStream(), status, sequence), listener,
                claimer);
        int window = options.windowSize();
        SMPPServerSession session =
                new SMPPServerSession(connection, null, null, null, PDU_WORKERS, window + PDU_WORKERS, sender, reader);
        created.set(session);
        return session;
    }

    private void bind(SMPPServerSession session, SubmitResponses responses, BindRequest request,
            EsmeBind.Activity activity, AtomicReference<EsmeRequestListener> submits) {
        String systemId = request.getSystemId();
        EsmeAccounts accounts = this.accounts;
        BindVerdict verdict = accounts.authenticate(systemId, request.getPassword());
        EsmeBind bind = null;
        if (verdict == BindVerdict.ACCEPTED && draining) {
            verdict = BindVerdict.DRAINING;
        }
        if (verdict == BindVerdict.ACCEPTED) {
            int limit = Math.min(options.maxBindsPerSystemId(), accounts.find(systemId).orElseThrow().maxBinds());
            bind = new EsmeBind(systemId, request.getBindType(), session, activity, options.windowSize());
            if (!registry.tryAdd(bind, limit)) {
                verdict = BindVerdict.TOO_MANY_BINDS;
            }
        }
        if (verdict != BindVerdict.ACCEPTED) {
            refuse(session, request, verdict);
            return;
        }
        accept(bind, responses, request, submits);
    }

    private void accept(EsmeBind bind, SubmitResponses responses, BindRequest request,
            AtomicReference<EsmeRequestListener> submits) {
        SMPPServerSession session = bind.session();
        EsmeRequestListener listener = new EsmeRequestListener(bind, handler, options.submitTimeout(), rateLimits,
                pduMetrics, () -> draining, responses);
        session.setMessageReceiverListener(listener);
        submits.set(listener);
        // Bounds our wait for deliver_sm_resp (EsmeDeliverer) and for unbind_resp on close.
        session.setTransactionTimer(options.deliverTimeout().toMillis());
        session.addSessionStateListener((newState, oldState, source) -> {
            if (!newState.isBound()) {
                registry.remove(bind);
            }
        });
        try {
            request.accept(SERVER_SYSTEM_ID);
            pduMetrics.pdu(SmppMetrics.Direction.OUT, request.getBindType().responseCommandId(), 0);
            log.info("Bound {}", bind);
        } catch (IOException | PDUStringException | IllegalStateException e) {
            log.info("Bind of {} failed while answering: {}", bind, e.toString());
            registry.remove(bind);
            session.close();
        }
    }

    private void refuse(SMPPServerSession session, BindRequest request, BindVerdict verdict) {
        metrics.bindRefused(verdict);
        log.info("Refused bind from {}: {} (system_id {})", session.getInetAddress(), verdict,
                verdict == BindVerdict.UNKNOWN_SYSTEM_ID ? "not shown" : request.getSystemId());
        try {
            pduMetrics.pdu(SmppMetrics.Direction.OUT, request.getBindType().responseCommandId(), verdict.commandStatus());
            request.reject(verdict.commandStatus());
        } catch (IOException | IllegalStateException e) {
            log.debug("Could not send bind refusal", e);
        }
        timers.schedule(session::close, REFUSED_CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Drops closed binds and closes idle ones (SMPP 3.4 section 2.9: a silent peer is presumed gone). */
    private void sweep() {
        try {
            for (EsmeBind bind : registry.all()) {
                if (!bind.isOpen()) {
                    registry.remove(bind);
                } else if (bind.isIdle(options.idleTimeout())) {
                    log.info("Closing {}: nothing received for {}", bind, options.idleTimeout());
                    registry.remove(bind);
                    bind.close();
                }
            }
        } catch (RuntimeException e) {
            log.error("Idle sweep failed", e);
        }
    }

    /**
     * Applies a conf reload's live part: rate limits and bind limits per system_id (a changed limit
     * starts a fresh bucket at the new rate; binds already up stay up). Password and account set
     * changes are the gateway's to refuse: they need a restart.
     */
    public void reconfigure(EsmeAccounts next) {
        rateLimits.update(Objects.requireNonNull(next, "next"));
        this.accounts = next;
        log.info("SMPP server reconfigured: {} account(s)", next.all().size());
    }

    /**
     * Graceful drain (SIGTERM): new binds are refused with ESME_RBINDFAIL (the listener stays open
     * so that an ESME hears why), new submits on existing binds are answered ESME_RTHROTTLED, the
     * submits already in a window get their answers (at most the submit timeout), then every bind
     * is sent an unbind (SMPP 3.4 section 4.2). Idempotent; {@link #close()} still closes the listener.
     */
    public void drain() {
        draining = true;
        awaitWindowsEmpty();
        List<EsmeBind> binds = registry.all();
        if (binds.isEmpty()) {
            return;
        }
        log.info("SMPP drain: unbinding {} ESME bind(s)", binds.size());
        ExecutorService unbinders = Executors.newFixedThreadPool(Math.max(1, Math.min(8, binds.size())),
                Threads.named("smpp-unbind"));
        try {
            CompletableFuture.allOf(binds.stream()
                    .map(bind -> CompletableFuture.runAsync(() -> unbind(bind), unbinders))
                    .toArray(CompletableFuture[]::new)).join();
        } finally {
            unbinders.shutdownNow();
        }
    }

    /** Stops accepting, then {@link #drain()}s what is left (a no-op after a drain). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        draining = true;
        ServerSocket socket = serverSocket;
        if (socket != null) {
            closeQuietly(socket);
        }
        ServerSocket tls = tlsServerSocket;
        if (tls != null) {
            closeQuietly(tls);
        }
        drain();
        timers.shutdownNow();
        handshakes.shutdownNow();
    }

    private void unbind(EsmeBind bind) {
        registry.remove(bind);
        try {
            bind.unbindAndClose();
        } catch (RuntimeException e) {
            log.debug("unbind of {} failed; closing", bind, e);
            bind.close();
        }
    }

    /** Shutdown only: polls the windows; the wait is bounded by the submit timeout. */
    private void awaitWindowsEmpty() {
        long deadline = System.nanoTime() + options.submitTimeout().toNanos();
        while (registry.all().stream().anyMatch(b -> b.windowInUse() > 0) && System.nanoTime() < deadline) {
            try {
                TimeUnit.MILLISECONDS.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("Close failed", e);
        }
    }
}
