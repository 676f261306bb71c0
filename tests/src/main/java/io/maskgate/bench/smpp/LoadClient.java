package io.maskgate.bench.smpp;

import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.connection.socket.SocketConnection;

/**
 * An ESME under load: one jsmpp transmitter bind and {@code window} sender threads, each with one
 * submit_sm outstanding at a time (jsmpp 3.0's submitShortMessage blocks until its
 * submit_sm_resp), so exactly {@code window} submits are in flight. Addresses cycle through
 * {@code routes} (source = a participant, destination = the proxy number of its session).
 */
final class LoadClient {
    private static final byte[] TEXT = "Your order #4711 is on its way. OTP 829114.".getBytes(
            java.nio.charset.StandardCharsets.US_ASCII);
    private static final GeneralDataCoding DEFAULT_ALPHABET = new GeneralDataCoding();

    private final int port;
    private final String systemId;
    private final String password;
    private final List<String[]> routes;
    private final RegisteredDelivery registeredDelivery;

    /** @param receipts ask for an SMSC delivery receipt (the relay then maps the upstream id in Redis) */
    LoadClient(int port, String systemId, String password, List<String[]> routes, boolean receipts) {
        this.port = port;
        this.systemId = systemId;
        this.password = password;
        this.routes = routes;
        this.registeredDelivery = new RegisteredDelivery(receipts ? 1 : 0);
    }

    /** Sends {@code messages} submits, or fewer when {@code maxSeconds} pass first. */
    LoadResult run(String setup, int messages, int window, int maxSeconds) throws Exception {
        SMPPSession session = bind(window);
        try {
            return drive(setup, session, messages, window, maxSeconds);
        } finally {
            session.unbindAndClose();
        }
    }

    private SMPPSession bind(int window) throws IOException {
        SMPPSession session = new SMPPSession((host, p) -> {
            Socket socket = new Socket(host, p);
            socket.setTcpNoDelay(true);
            return new SocketConnection(socket);
        });
        session.setTransactionTimer(10_000);
        session.setEnquireLinkTimer(60_000);
        session.setPduProcessorDegree(4);
        session.setQueueCapacity(window + 16);
        session.connectAndBind("127.0.0.1", port, new BindParameter(BindType.BIND_TX, systemId, password, "",
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), 10_000);
        return session;
    }

    private LoadResult drive(String setup, SMPPSession session, int messages, int window, int maxSeconds)
            throws InterruptedException {
        Histogram latency = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 3);
        AtomicLong next = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        ConcurrentHashMap<String, AtomicLong> errorKinds = new ConcurrentHashMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
        CountDownLatch done = new CountDownLatch(window);
        long started = System.nanoTime();
        long cpuBefore = CpuTime.total();
        for (int t = 0; t < window; t++) {
            Thread sender = new Thread(() -> {
                try {
                    for (long i = next.getAndIncrement(); i < messages && System.nanoTime() < deadline;
                            i = next.getAndIncrement()) {
                        String[] route = routes.get((int) (i % routes.size()));
                        long t0 = System.nanoTime();
                        try {
                            submit(session, route[0], route[1]);
                            latency.recordValue(Math.min(System.nanoTime() - t0, latency.getHighestTrackableValue()));
                            ok.incrementAndGet();
                        } catch (Exception e) {
                            errorKinds.computeIfAbsent(describe(e), k -> new AtomicLong()).incrementAndGet();
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "load-" + setup + "-" + t);
            sender.setDaemon(true);
            sender.start();
        }
        done.await(maxSeconds + 30L, TimeUnit.SECONDS);
        long nanos = System.nanoTime() - started;
        long cpu = CpuTime.total() - cpuBefore;
        if (!errorKinds.isEmpty()) {
            System.out.println("  " + setup + " errors by kind: " + errorKinds);
        }
        long sent = Math.min(next.get(), messages);
        if (sent < messages) {
            System.out.println("  " + setup + " stopped by --max-seconds after " + sent + " of " + messages);
        }
        // A submit without an ESME_ROK answer is an error, whether refused, failed or unanswered.
        return new LoadResult(setup, sent, ok.get(), sent - ok.get(), nanos, latency, cpu);
    }

    private static String describe(Exception e) {
        if (e instanceof NegativeResponseException negative) {
            return String.format("command_status 0x%08x", negative.getCommandStatus());
        }
        return e.getClass().getSimpleName();
    }

    private void submit(SMPPSession session, String source, String destination) throws Exception {
        session.submitShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, source,
                TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, destination, new ESMClass(), (byte) 0,
                (byte) 1, null, null, registeredDelivery, (byte) 0, DEFAULT_ALPHABET, (byte) 0, TEXT);
    }
}
