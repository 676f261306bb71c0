package io.maskgate.sip.b2bua;

import io.maskgate.core.events.EventPublisher;
import io.maskgate.core.events.EventType;
import io.maskgate.core.events.HungUpBy;
import io.maskgate.core.events.InteractionEvent;
import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.routing.Decision;
import io.maskgate.core.session.SessionId;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The interaction events only the B2BUA can know (DESIGN.md section 5): {@code call_connected}
 * when the callee's 2xx went to the caller, {@code call_ended} with the talk time and who hung up.
 * Attempts and refusals are the router's to publish (its decision recorder), so they are not
 * repeated here. Publishing never blocks or throws for delivery.
 */
final class CallEvents {
    private final EventPublisher publisher;
    private final String node;
    private final Clock clock;

    /** @throws IllegalArgumentException when {@code node} is not a valid event node id (checked once, here) */
    CallEvents(EventPublisher publisher, String node, Clock clock) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.node = Objects.requireNonNull(node, "node");
        this.clock = Objects.requireNonNull(clock, "clock");
        InteractionEvent.builder(EventType.CALL_CONNECTED, clock.instant(), node).build();
    }

    void connected(Facts call) {
        publisher.publish(call.into(InteractionEvent.builder(EventType.CALL_CONNECTED, clock.instant(), node)).build());
    }

    void ended(Facts call, Duration talk, HungUpBy by) {
        publisher.publish(call.into(InteractionEvent.builder(EventType.CALL_ENDED, clock.instant(), node))
                .ended(talk.isNegative() ? Duration.ZERO : talk, by).build());
    }

    /**
     * What an answered call keeps of its route for its events: the route itself holds the callee's
     * real number, which the call lets go at the answer.
     *
     * @param carrier the conf name of the carrier the call came from; empty when none is named
     * @param trunk the conf name of the trunk that answered
     */
    record Facts(SessionId sessionId, String purpose, String callerId, String calleeId, PhoneNumber proxy,
                 String carrier, String trunk) {
        static Facts of(Decision.Route route, String carrier, String trunk) {
            return new Facts(route.sessionId(), route.purpose(), route.callerId(), route.calleeId(), route.presented(),
                    carrier, trunk);
        }

        private InteractionEvent.Builder into(InteractionEvent.Builder b) {
            return b.session(sessionId).purpose(purpose).participants(callerId, calleeId).proxyNumber(proxy)
                    .interconnects(carrier, trunk);
        }
    }
}
