package io.maskgate.smpp.testing;

import io.maskgate.smpp.server.SubmitSmOnlyListener;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jsmpp.DefaultPDUReader;
import org.jsmpp.DefaultPDUSender;
import org.jsmpp.SMPPConstant;
import org.jsmpp.SynchronizedPDUSender;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.socket.SocketConnection;
import org.jsmpp.util.MessageId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An upstream SMSC for tests: a real jsmpp server session on 127.0.0.1 that accepts binds with
 * one system_id/password, answers submit_sm with {@code up-1}, {@code up-2} ... (or a chosen
 * error), and records every PDU it receives, byte for byte, plus every decoded submit_sm.
 */
public final class SmscStandIn implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SmscStandIn.class);

    private final String systemId;
    private final String password;
    private final ServerSocket serverSocket;
    private final List<byte[]> receivedPdus = new CopyOnWriteArrayList<>();
    private final List<SubmitSm> submits = new CopyOnWriteArrayList<>();
    private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
    private final List<SMPPServerSession> boundSessions = new CopyOnWriteArrayList<>();
    private final List<SMPPServerSession> submitSessions = new CopyOnWriteArrayList<>();
    private final List<String> submitIds = new CopyOnWriteArrayList<>();
    private final AtomicReference<java.util.concurrent.CountDownLatch> gate =
            new AtomicReference<>(new java.util.concurrent.CountDownLatch(0));
    private final AtomicInteger nextId = new AtomicInteger();
    private final AtomicInteger submitStatus = new AtomicInteger(SMPPConstant.STAT_ESME_ROK);
    private final AtomicReference<SMPPServerSession> bound = new AtomicReference<>();
    private volatile boolean closed;

    private SmscStandIn(String systemId, String password, int port) throws IOException {
        this(systemId, password, port, javax.net.ServerSocketFactory.getDefault());
    }

    private SmscStandIn(String systemId, String password, int port, javax.net.ServerSocketFactory sockets)
            throws IOException {
        this.systemId = systemId;
        this.password = password;
        this.serverSocket = sockets.createServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        Thread acceptor = new Thread(this::acceptLoop, "smsc-stand-in-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Listens on an ephemeral loopback port. */
    public static SmscStandIn start(String systemId, String password) throws IOException {
        return new SmscStandIn(systemId, password, 0);
    }

    /** Listens on an ephemeral loopback port with SMPP over TLS (server sockets of {@code tls}). */
    public static SmscStandIn startTls(String systemId, String password, javax.net.ssl.SSLContext tls)
            throws IOException {
        return new SmscStandIn(systemId, password, 0, tls.getServerSocketFactory());
    }

    /** Listens again on a port a closed stand-in used (an SMSC coming back). */
    public static SmscStandIn startOn(int port, String systemId, String password) throws IOException {
        return new SmscStandIn(systemId, password, port);
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** Every PDU received, header included, in arrival order. */
    public List<byte[]> receivedPdus() {
        return List.copyOf(receivedPdus);
    }

    public List<SubmitSm> submits() {
        return List.copyOf(submits);
    }

    /** Answers later submit_sm with this command_status (ESME_ROK to accept again). */
    public void answerSubmitsWith(int commandStatus) {
        submitStatus.set(commandStatus);
    }

    /** Every session still bound, in bind order. */
    public List<SMPPServerSession> boundSessions() {
        return boundSessions.stream().filter(x -> x.getSessionState().isBound()).toList();
    }

    /** The session each submit_sm arrived on, index for index with {@link #submits()}. */
    public List<SMPPServerSession> submitSessions() {
        return List.copyOf(submitSessions);
    }

    /** The message_id answered to each submit_sm ("" when refused), index for index with {@link #submits()}. */
    public List<String> submitIds() {
        return List.copyOf(submitIds);
    }

    /** Holds every later submit_sm_resp until {@link #release()}. */
    public void hold() {
        gate.set(new java.util.concurrent.CountDownLatch(1));
    }

    public void release() {
        gate.get().countDown();
    }

    /**
     * Sends a deliver_sm on {@code session} and returns the command_status of the deliver_sm_resp
     * (0 when accepted).
     */
    public static int deliver(SMPPServerSession session, String source, String destination, byte esmClass,
            byte[] shortMessage, OptionalParameter... tlvs) throws Exception {
        try {
            session.deliverShortMessage(null, org.jsmpp.bean.TypeOfNumber.INTERNATIONAL,
                    org.jsmpp.bean.NumberingPlanIndicator.ISDN, source, org.jsmpp.bean.TypeOfNumber.INTERNATIONAL,
                    org.jsmpp.bean.NumberingPlanIndicator.ISDN, destination, new org.jsmpp.bean.ESMClass(esmClass),
                    (byte) 0, (byte) 0, new org.jsmpp.bean.RegisteredDelivery(0), () -> (byte) 0, shortMessage, tlvs);
            return 0;
        } catch (org.jsmpp.extra.NegativeResponseException e) {
            return e.getCommandStatus();
        }
    }

    /** The session of the latest accepted bind, if any is still bound. */
    public SMPPServerSession boundSession() {
        SMPPServerSession s = bound.get();
        return s != null && s.getSessionState().isBound() ? s : null;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = serverSocket.accept();
                Thread t = new Thread(() -> serve(socket), "smsc-stand-in-bind");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!closed) {
                    log.warn("stand-in accept failed", e);
                }
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try {
            SMPPServerSession session = new SMPPServerSession(new SocketConnection(socket), null, new Receiver(), null,
                    4, 100, new SynchronizedPDUSender(new DefaultPDUSender()), new RecordingReader());
            sessions.add(session);
            BindRequest request = session.waitForBind(5_000);
            if (systemId.equals(request.getSystemId()) && password.equals(request.getPassword())) {
                session.setTransactionTimer(5_000);
                request.accept("stand-in");
                bound.set(session);
                boundSessions.add(session);
            } else {
                request.reject(SMPPConstant.STAT_ESME_RINVPASWD);
            }
        } catch (Exception e) {
            log.info("stand-in bind ended: {}", e.toString());
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        serverSocket.close();
        for (SMPPServerSession s : sessions) {
            s.close();
        }
    }

    private final class RecordingReader extends DefaultPDUReader {
        @Override
        public byte[] readPDU(DataInputStream in, int commandLength, int commandId, int commandStatus,
                int sequenceNumber) throws IOException {
            byte[] pdu = super.readPDU(in, commandLength, commandId, commandStatus, sequenceNumber);
            receivedPdus.add(pdu);
            return pdu;
        }
    }

    private final class Receiver extends SubmitSmOnlyListener {
        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source)
                throws ProcessRequestException {
            try {
                if (!gate.get().await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    throw new ProcessRequestException("stand-in held too long", SMPPConstant.STAT_ESME_RSYSERR);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProcessRequestException("interrupted", SMPPConstant.STAT_ESME_RSYSERR);
            }
            int status = submitStatus.get();
            String id = status == SMPPConstant.STAT_ESME_ROK ? "up-" + nextId.incrementAndGet() : "";
            synchronized (submits) {
                submits.add(submitSm);
                submitSessions.add(source);
                submitIds.add(id);
            }
            if (status != SMPPConstant.STAT_ESME_ROK) {
                throw new ProcessRequestException("stand-in refuses", status);
            }
            try {
                return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
            } catch (org.jsmpp.PDUStringException e) {
                throw new ProcessRequestException("bad id", SMPPConstant.STAT_ESME_RSYSERR, e);
            }
        }
    }
}
