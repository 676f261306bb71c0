package io.maskgate.sip.trunk;

import io.maskgate.sip.codec.SipComposer;
import io.maskgate.sip.codec.SipHeader;
import io.maskgate.sip.codec.SipMessage;
import io.maskgate.sip.transaction.ClientTransaction;
import io.maskgate.sip.transaction.ClientTransactionListener;
import io.maskgate.sip.transaction.TransactionLayer;
import io.maskgate.sip.transport.SipTransportType;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an OPTIONS (RFC 3261 section 11) to every trunk each {@link TrunkHealthOptions#pingInterval()}
 * and reports the outcome to the {@link TrunkGroup}: any final answer but 503 proves the trunk
 * alive (a 404 or 405 still means a SIP stack answered); 503, timer F and transport errors count
 * as failures. Pings run as client transactions of the transaction layer, so they retransmit over
 * UDP like any request.
 */
public final class TrunkPinger implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TrunkPinger.class);

    private final TrunkGroup group;
    private final TransactionLayer layer;
    private final TrunkHealthOptions options;
    private final Map<SipTransportType, InetSocketAddress> sentBy;
    private volatile ScheduledFuture<?> task;

    public TrunkPinger(TrunkGroup group, TransactionLayer layer, TrunkHealthOptions options,
            Map<SipTransportType, InetSocketAddress> sentBy) {
        this.group = Objects.requireNonNull(group, "group");
        this.layer = Objects.requireNonNull(layer, "layer");
        this.options = Objects.requireNonNull(options, "options");
        this.sentBy = Map.copyOf(sentBy);
    }

    /** Starts pinging (nothing when pings are off); the first round goes out at once. */
    public void start() {
        if (!options.pingsEnabled()) {
            return;
        }
        EventExecutor loop = layer.loopFor("maskgate-trunk-pinger");
        long every = options.pingInterval().toMillis();
        task = loop.scheduleAtFixedRate(this::pingAll, 0, every, TimeUnit.MILLISECONDS);
    }

    private void pingAll() {
        for (Trunk t : group.trunks()) {
            try {
                layer.send(options(t), t.destination(), new Outcome(t));
            } catch (RuntimeException e) {
                log.warn("OPTIONS to trunk {} not sent: {}", t.name(), e.getClass().getSimpleName());
                group.pingFailed(t);
            }
        }
    }

    private SipMessage options(Trunk t) {
        InetSocketAddress local = sentBy.get(t.destination().transport());
        if (local == null) {
            throw new IllegalStateException("no local address for " + t.destination().transport());
        }
        String host = local.getAddress().getHostAddress();
        String hostPort = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + local.getPort();
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return SipComposer.request("OPTIONS", "sip:" + t.options().uriHost(), List.of(
                new SipHeader("Via", "SIP/2.0/" + t.destination().transport().name() + " " + hostPort + ";branch="
                        + TransactionLayer.newBranch() + ";rport"),
                new SipHeader("Max-Forwards", "70"),
                new SipHeader("From", "<sip:maskgate@" + hostPort + ">;tag=" + Long.toHexString(r.nextLong())),
                new SipHeader("To", "<sip:" + t.options().uriHost() + ">"),
                new SipHeader("Call-ID", Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong())),
                new SipHeader("CSeq", "1 OPTIONS"),
                new SipHeader("Accept", "application/sdp")), new byte[0]);
    }

    @Override
    public void close() {
        ScheduledFuture<?> t = task;
        if (t != null) {
            t.cancel(false);
        }
    }

    private final class Outcome implements ClientTransactionListener {
        private final Trunk trunk;

        Outcome(Trunk trunk) {
            this.trunk = trunk;
        }

        @Override
        public void onResponse(ClientTransaction tx, SipMessage response) {
            if (response.statusCode() < 200) {
                return;
            }
            if (response.statusCode() == 503) {
                group.pingFailed(trunk);
            } else {
                group.pingSucceeded(trunk);
            }
        }

        @Override
        public void onTimeout(ClientTransaction tx) {
            group.pingFailed(trunk);
        }

        @Override
        public void onTransportError(ClientTransaction tx, Throwable cause) {
            group.pingFailed(trunk);
        }
    }
}
