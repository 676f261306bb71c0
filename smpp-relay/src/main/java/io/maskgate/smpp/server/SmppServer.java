package io.maskgate.smpp.server;

import io.maskgate.smpp.pdu.BoundedPduReader;
import io.maskgate.smpp.pdu.PduListener;
import io.maskgate.smpp.pdu.PduRejection;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
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
import org.jsmpp.DefaultPDUSender;
import org.jsmpp.PDUSender;
import org.jsmpp.PDUStringException;
import org.jsmpp.SynchronizedPDUSender;
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

    private static final Logger log = LoggerFactory.getLogger(SmppServer.class);

    private final SmppServerOptions options;
    private final EsmeAccounts accounts;
    private final SubmitSmHandler handler;
    private final Clock clock;
    private final BindRegistry registry = new BindRegistry();
    private final SmppServerMetrics metrics;
    private final ThreadPoolExecutor handshakes;
    private final ScheduledExecutorService timers;
    private volatile ServerSocket serverSocket;
    private volatile boolean closed;

    public SmppServer(SmppServerOptions options, EsmeAccounts accounts, SubmitSmHandler handler,
            MeterRegistry meterRegistry, Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = new SmppServerMetrics(meterRegistry, registry::size);
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
        Threads.named("smpp-accept").newThread(this::acceptLoop).start();
        long sweepMillis = Math.max(50, Math.min(5_000, options.idleTimeout().toMillis() / 10));
        timers.scheduleWithFixedDelay(this::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
        log.info("SMPP server listening on {} ({})", socket.getLocalSocketAddress(), options);
    }

    /** The bound port (useful with port 0). */
    public int localPort() {
        return serverSocket.getLocalPort();
    }

    public BindRegistry registry() {
        return registry;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
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
        EsmeBind.Activity activity = new EsmeBind.Activity(clock);
        try {
            session = openSession(socket, activity);
        } catch (IOException e) {
            log.debug("Could not open SMPP session from {}", socket.getRemoteSocketAddress(), e);
            closeQuietly(socket);
            return;
        }
        BindRequest request;
        try {
            request = session.waitForBind(options.bindTimeout().toMillis());
        } catch (TimeoutException e) {
            log.info("No bind within {} from {}; closed", options.bindTimeout(), socket.getRemoteSocketAddress());
            return;
        }
        bind(session, request, activity);
    }

    private SMPPServerSession openSession(Socket socket, EsmeBind.Activity activity) throws IOException {
        SocketConnection connection = new SocketConnection(socket);
        PDUSender sender = new SynchronizedPDUSender(new DefaultPDUSender());
        PduListener listener = new PduListener() {
            @Override
            public void onPdu(int commandId) {
                activity.onPdu(commandId);
            }

            @Override
            public void onRejected(PduRejection rejection, int commandId) {
                metrics.pduRejected(rejection);
            }
        };
        BoundedPduReader reader = new BoundedPduReader(options.maxCommandLength(),
                (status, sequence) -> sender.sendGenericNack(connection.getOutputStream(), status, sequence), listener);
        int window = options.windowSize();
        return new SMPPServerSession(connection, null, null, null, window + 2, window, sender, reader);
    }

    private void bind(SMPPServerSession session, BindRequest request, EsmeBind.Activity activity) {
        String systemId = request.getSystemId();
        BindVerdict verdict = accounts.authenticate(systemId, request.getPassword());
        EsmeBind bind = null;
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
        accept(bind, request);
    }

    private void accept(EsmeBind bind, BindRequest request) {
        SMPPServerSession session = bind.session();
        session.setMessageReceiverListener(new EsmeRequestListener(bind, handler, options.submitTimeout()));
        session.addSessionStateListener((newState, oldState, source) -> {
            if (!newState.isBound()) {
                registry.remove(bind);
            }
        });
        try {
            request.accept(SERVER_SYSTEM_ID);
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

    /** Stops accepting and closes every bind. */
    @Override
    public void close() {
        closed = true;
        ServerSocket socket = serverSocket;
        if (socket != null) {
            closeQuietly(socket);
        }
        for (EsmeBind bind : registry.all()) {
            registry.remove(bind);
            bind.close();
        }
        timers.shutdownNow();
        handshakes.shutdownNow();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("Close failed", e);
        }
    }
}
