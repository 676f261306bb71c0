package io.maskgate.sip.transaction;

import io.maskgate.sip.codec.SipMessage;
import io.maskgate.sip.transport.InboundRequest;
import io.maskgate.sip.transport.InboundResponse;
import io.maskgate.sip.transport.SipConnection;
import io.maskgate.sip.transport.SipTransportType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A transaction layer on an {@link EmbeddedChannel}'s event loop with frozen time: timers fire only
 * when a test calls {@link #advance}. Records what the layer sent, what the TU saw and what a
 * client listener saw.
 */
final class EmbeddedTransactions {

    final EmbeddedChannel channel = new EmbeddedChannel();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final TransactionLayer layer;
    final FakeTransport transport = new FakeTransport();
    final RecordingUser user = new RecordingUser();
    /** Responses sent back through inbound connections, in order. */
    final List<SipMessage> replies = new ArrayList<>();

    EmbeddedTransactions(TransactionOptions options) {
        channel.freezeTime();
        layer = new TransactionLayer(options, registry);
        layer.start(transport, user);
    }

    EmbeddedTransactions() {
        this(TransactionOptions.create());
    }

    /** Moves the frozen clock and runs every task now due. */
    void advance(Duration d) {
        channel.advanceTimeBy(d.toNanos(), TimeUnit.NANOSECONDS);
        channel.runPendingTasks();
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
    }

    void runTasks() {
        channel.runPendingTasks();
    }

    /** Delivers a request as the transport would, over the given transport. */
    void receive(SipMessage request, SipTransportType type) {
        layer.onRequest(new InboundRequest(request, new FakeConnection(type)));
        runTasks();
    }

    void receive(SipMessage request) {
        receive(request, SipTransportType.UDP);
    }

    void receiveResponse(SipMessage response) {
        layer.onResponse(new InboundResponse(response, new FakeConnection(SipTransportType.UDP)));
        runTasks();
    }

    List<Integer> replyStatuses() {
        return replies.stream().map(SipMessage::statusCode).toList();
    }

    double counter(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    final class FakeConnection implements SipConnection {
        private final SipTransportType type;

        FakeConnection(SipTransportType type) {
            this.type = type;
        }

        @Override
        public SipTransportType transport() {
            return type;
        }

        @Override
        public InetSocketAddress local() {
            return new InetSocketAddress("127.0.0.1", 5060);
        }

        @Override
        public InetSocketAddress remote() {
            return SipText.PEER;
        }

        @Override
        public CompletableFuture<Void> send(SipMessage message) {
            replies.add(message);
            return CompletableFuture.completedFuture(null);
        }
    }

    final class FakeTransport implements TransactionTransport {
        final List<SipMessage> sent = new ArrayList<>();
        boolean failSends;
        /** What {@link #holdRetransmissions()} says: a test's stand-in for a backed-up receive queue. */
        boolean behind;

        @Override
        public boolean holdRetransmissions() {
            return behind;
        }

        @Override
        public EventExecutor loopFor(String callId) {
            return channel.eventLoop();
        }

        @Override
        public CompletableFuture<Void> send(SipMessage message, Destination destination) {
            if (failSends) {
                return CompletableFuture.failedFuture(new java.io.IOException("unreachable"));
            }
            sent.add(message);
            return CompletableFuture.completedFuture(null);
        }

        List<String> sentMethods() {
            return sent.stream().map(SipMessage::method).toList();
        }
    }

    static class RecordingUser implements TransactionUser {
        final List<ServerTransaction> requests = new ArrayList<>();
        final List<InboundRequest> acks = new ArrayList<>();
        final List<ServerTransaction> cancelled = new ArrayList<>();
        final List<InboundResponse> strays = new ArrayList<>();
        final List<ServerTransaction> timeouts = new ArrayList<>();

        @Override
        public void onRequest(ServerTransaction transaction) {
            requests.add(transaction);
        }

        @Override
        public void onAck(InboundRequest ack) {
            acks.add(ack);
        }

        @Override
        public void onCancelled(ServerTransaction inviteTransaction) {
            cancelled.add(inviteTransaction);
        }

        @Override
        public void onStrayResponse(InboundResponse response) {
            strays.add(response);
        }

        @Override
        public void onServerTimeout(ServerTransaction transaction) {
            timeouts.add(transaction);
        }
    }

    static final class RecordingListener implements ClientTransactionListener {
        final List<SipMessage> responses = new ArrayList<>();
        int timeouts;
        final List<Throwable> errors = new ArrayList<>();

        @Override
        public void onResponse(ClientTransaction transaction, SipMessage response) {
            responses.add(response);
        }

        @Override
        public void onTimeout(ClientTransaction transaction) {
            timeouts++;
        }

        @Override
        public void onTransportError(ClientTransaction transaction, Throwable cause) {
            errors.add(cause);
        }

        List<Integer> statuses() {
            return responses.stream().map(SipMessage::statusCode).toList();
        }
    }
}
