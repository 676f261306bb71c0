package io.maskgate.bench.smpp;

import io.maskgate.smpp.server.SubmitSmOnlyListener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.socket.SocketConnection;
import org.jsmpp.util.MessageId;

/**
 * The upstream SMSC of the benchmark: a jsmpp server on 127.0.0.1 that accepts any bind and
 * answers every submit_sm at once with a fresh message_id. It keeps nothing, so that it costs as
 * little as possible and both setups (client direct, client through the relay) pay the same for
 * it. Counts the submits it answered.
 */
final class BenchSmsc implements AutoCloseable {
    private static final OptionalParameter[] NONE = new OptionalParameter[0];

    private final ServerSocket serverSocket;
    private final int processors;
    private final int queueCapacity;
    private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
    private final AtomicLong submits = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param processors jsmpp PDU worker threads per bind (answering is immediate: a few suffice)
     * @param queueCapacity PDUs queued per bind before its reader blocks (at least the window)
     */
    BenchSmsc(int processors, int queueCapacity) throws IOException {
        this.processors = processors;
        this.queueCapacity = queueCapacity;
        serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::acceptLoop, "bench-smsc-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    long submits() {
        return submits.get();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("bench SMSC stopped accepting: " + e);
                }
                return;
            }
            Thread binder = new Thread(() -> bind(socket), "bench-smsc-bind");
            binder.setDaemon(true);
            binder.start();
        }
    }

    private void bind(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
            SMPPServerSession session = new SMPPServerSession(new SocketConnection(socket), null, new Answering(),
                    null, processors, queueCapacity);
            sessions.add(session);
            BindRequest request = session.waitForBind(5_000);
            session.setTransactionTimer(5_000);
            request.accept("bench-smsc");
        } catch (Exception e) {
            System.err.println("bench SMSC bind failed: " + e);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        serverSocket.close();
        sessions.forEach(SMPPServerSession::close);
    }

    private final class Answering extends SubmitSmOnlyListener {
        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source)
                throws ProcessRequestException {
            long n = submits.incrementAndGet();
            try {
                return new SubmitSmResult(new MessageId(Long.toHexString(n)), NONE);
            } catch (PDUStringException e) {
                throw new ProcessRequestException("bad id", SMPPConstant.STAT_ESME_RSYSERR, e);
            }
        }
    }
}
