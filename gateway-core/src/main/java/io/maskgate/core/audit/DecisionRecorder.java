package io.maskgate.core.audit;

import io.maskgate.core.events.EventPublisher;
import io.maskgate.core.events.EventType;
import io.maskgate.core.events.InteractionEvent;
import io.maskgate.core.routing.Channel;
import io.maskgate.core.routing.Decision;
import io.maskgate.core.routing.DecisionObserver;
import java.time.Clock;
import java.util.Objects;

/**
 * The routing step "audit append + interaction event" of DESIGN.md section 2: every decision goes
 * into the tamper-evident log, and each one also becomes an event ({@code call_attempted} for a
 * routed call, {@code call_refused} / {@code sms_refused} with the reason, {@code call_attempted}
 * with {@code fallback=true} and the reason it replaced for an out-of-session call redirected to
 * the fallback number). {@code sms_relayed}
 * is published by the SMPP relay once the upstream accepted, not here: a route is not a delivery.
 * Both sinks only enqueue, so this never blocks the signalling thread.
 */
public final class DecisionRecorder implements DecisionObserver {
    private final DecisionLog log;
    private final EventPublisher events;
    private final Clock clock;
    private final String node;

    public DecisionRecorder(DecisionLog log, EventPublisher events, Clock clock, String node) {
        this.log = Objects.requireNonNull(log, "log");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.node = Objects.requireNonNull(node, "node");
    }

    @Override
    public void onDecision(Channel channel, Decision decision) {
        java.time.Instant now = clock.instant();
        log.append(DecisionRecord.of(now, channel, decision));
        if (decision instanceof Decision.Route route) {
            if (channel == Channel.VOICE) {
                events.publish(InteractionEvent.forRoute(EventType.CALL_ATTEMPTED, now, node, route).build());
            }
            return;
        }
        if (decision instanceof Decision.Fallback fallback) {
            // an attempt, not a refusal: the call is placed, to the fallback number; only V is named
            events.publish(InteractionEvent.builder(EventType.CALL_ATTEMPTED, now, node)
                    .proxyNumber(fallback.presented()).fallback(fallback.instead()).build());
            return;
        }
        Decision.Refuse refuse = (Decision.Refuse) decision;
        EventType type = channel == Channel.VOICE ? EventType.CALL_REFUSED : EventType.SMS_REFUSED;
        events.publish(InteractionEvent.builder(type, now, node).reason(refuse.reason()).build());
    }
}
