package io.maskgate.core.events;

import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.session.CloseReason;
import io.maskgate.core.session.Resolution;
import io.maskgate.core.session.Session;
import io.maskgate.core.session.SessionId;
import io.maskgate.core.session.SessionRequest;
import io.maskgate.core.session.SessionStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link SessionStore} that publishes {@code session_created} and {@code session_closed} for
 * every session created or closed through it (the admin API, erasure, revocation), so no caller
 * has to remember to. Events carry the session id, purpose, the participants' pseudonymous ids
 * and the proxy number, never a participant's number. Everything else passes straight through.
 *
 * <p>A close answered with a session that was already closed (an earlier close, or its expiry)
 * publishes nothing: only the close that happened now is an event. Not closed here: the owner of
 * the wrapped store closes it.
 */
public final class PublishingSessionStore implements SessionStore {

    private final SessionStore store;
    private final EventPublisher events;
    private final Clock clock;
    private final String node;

    /** @throws IllegalArgumentException when {@code node} is not a valid event node id */
    public PublishingSessionStore(SessionStore store, EventPublisher events, Clock clock, String node) {
        this.store = Objects.requireNonNull(store, "store");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.node = Objects.requireNonNull(node, "node");
        InteractionEvent.builder(EventType.SESSION_CREATED, clock.instant(), node).build();
    }

    @Override
    public CompletableFuture<Session> create(SessionRequest request) {
        return store.create(request).thenApply(s -> {
            events.publish(about(EventType.SESSION_CREATED, s).build());
            return s;
        });
    }

    @Override
    public CompletableFuture<Optional<Session>> close(SessionId id, CloseReason reason) {
        Instant asked = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return store.close(id, reason).thenApply(closed -> {
            closed.filter(s -> closedNow(s, reason, asked))
                    .ifPresent(s -> events.publish(about(EventType.SESSION_CLOSED, s).closeReason(reason).build()));
            return closed;
        });
    }

    /** This call closed it: its reason, at or after the call began (an earlier close or expiry is older). */
    private static boolean closedNow(Session s, CloseReason reason, Instant asked) {
        return s.closure().filter(c -> c.reason() == reason && !c.at().isBefore(asked)).isPresent();
    }

    private InteractionEvent.Builder about(EventType type, Session s) {
        return InteractionEvent.builder(type, clock.instant(), node)
                .session(s.id())
                .purpose(s.purpose())
                .participants(s.a().id(), s.b().id())
                .proxyNumber(s.proxyNumber());
    }

    @Override
    public CompletableFuture<Resolution> resolve(PhoneNumber proxyNumber, PhoneNumber caller) {
        return store.resolve(proxyNumber, caller);
    }

    @Override
    public CompletableFuture<Optional<Session>> find(SessionId id) {
        return store.find(id);
    }

    @Override
    public CompletableFuture<Boolean> touch(PhoneNumber proxyNumber, PhoneNumber caller, Resolution.Routable routable) {
        return store.touch(proxyNumber, caller, routable);
    }

    @Override
    public CompletableFuture<Boolean> delete(SessionId id) {
        return store.delete(id);
    }

    @Override
    public CompletableFuture<Boolean> ping() {
        return store.ping();
    }

    @Override
    public CompletableFuture<RewrapReport> rewrap() {
        return store.rewrap();
    }

    @Override
    public CompletableFuture<Optional<Map<String, PoolUsage>>> poolUsage() {
        return store.poolUsage();
    }

    /** Does not close the wrapped store: its owner does. */
    @Override
    public void close() {
    }
}
