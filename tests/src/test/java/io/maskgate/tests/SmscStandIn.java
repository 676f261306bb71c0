package io.maskgate.tests;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.MessageId;

/**
 * The upstream SMSC for the end-to-end suites: a jsmpp server on 127.0.0.1 that accepts binds with
 * one system_id and password, answers each submit_sm with {@code up-1}, {@code up-2}, ... and
 * keeps what it received. Written here rather than shared with smpp-relay's tests so that this
 * suite depends on nothing but the shipped jar and jsmpp.
 */
final class SmscStandIn implements AutoCloseable {

    /** What arrived in one submit_sm; addresses as on the wire (digits, no '+'). */
    record Received(String source, String destination, String text) {}

    private final String systemId;
    private final String password;
    private final SMPPServerSessionListener listener;
    private final List<Received> submits = new CopyOnWriteArrayList<>();
    private final List<SMPPServerSession> bound = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextId = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean closed;

    private SmscStandIn(String systemId, String password) throws IOException {
        this.systemId = systemId;
        this.password = password;
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int port = socket.getLocalPort();
        socket.close();
        this.listener = new SMPPServerSessionListener(port);
        this.acceptor = new Thread(this::acceptLoop, "e2e-smsc-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static SmscStandIn start(String systemId, String password) throws IOException {
        return new SmscStandIn(systemId, password);
    }

    int port() {
        return listener.getPort();
    }

    List<Received> submits() {
        return List.copyOf(submits);
    }

    boolean isBound() {
        return bound.stream().anyMatch(s -> s.getSessionState().isBound());
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SMPPServerSession session = listener.accept();
                session.setMessageReceiverListener(new Receiver());
                Thread t = new Thread(() -> bind(session), "e2e-smsc-bind");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void bind(SMPPServerSession session) {
        try {
            BindRequest request = session.waitForBind(5_000);
            if (systemId.equals(request.getSystemId()) && password.equals(request.getPassword())) {
                request.accept("e2e-smsc");
                bound.add(session);
            } else {
                request.reject(SMPPConstant.STAT_ESME_RINVPASWD);
            }
        } catch (Exception e) {
            session.close();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        bound.forEach(SMPPServerSession::close);
    }

    private final class Receiver implements ServerMessageReceiverListener {
        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm sm, SMPPServerSession source) throws ProcessRequestException {
            submits.add(new Received(sm.getSourceAddr(), sm.getDestAddress(),
                    new String(sm.getShortMessage(), java.nio.charset.StandardCharsets.ISO_8859_1)));
            try {
                return new SubmitSmResult(new MessageId("up-" + nextId.incrementAndGet()), new OptionalParameter[0]);
            } catch (PDUStringException e) {
                throw new ProcessRequestException("bad id", SMPPConstant.STAT_ESME_RSYSERR, e);
            }
        }

        private ProcessRequestException unsupported() {
            return new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti m, SMPPServerSession s) throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm q, SMPPServerSession s) throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm r, SMPPServerSession s) throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public void onAcceptCancelSm(CancelSm c, SMPPServerSession s) throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm b, SMPPServerSession s) throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm c, SMPPServerSession s) throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm q, SMPPServerSession s)
                throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm d, Session s) throws ProcessRequestException {
            throw unsupported();
        }
    }
}
