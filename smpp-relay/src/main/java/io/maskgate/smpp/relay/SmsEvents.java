package io.maskgate.smpp.relay;

import io.maskgate.core.events.EventPublisher;
import io.maskgate.core.events.EventType;
import io.maskgate.core.events.InteractionEvent;
import io.maskgate.core.events.NoopEventPublisher;
import io.maskgate.core.routing.Decision;
import java.time.Clock;
import java.util.Objects;

/**
 * The interaction events only the SMPP relays can know (DESIGN.md section 5): {@code sms_relayed}
 * once the other side took the message. Refusals are the router's to publish (its decision
 * recorder), so they are not repeated here. Publishing never blocks or throws for delivery.
 *
 * <p>With the {@link NoopEventPublisher} (no analytics stack: the shipped default) nothing is
 * built: the event (a clock read, several strings, a record) cost a few percent of a relayed
 * message's CPU only to be dropped.
 */
public final class SmsEvents {
    private final EventPublisher publisher;
    private final String node;
    private final Clock clock;
    private final boolean discarded;

    /**
     * @param node this gateway node's id, as the decision recorder writes it
     * @throws IllegalArgumentException when {@code node} is not a valid event node id (checked here,
     *     so that no relayed message can fail on it later)
     */
    public SmsEvents(EventPublisher publisher, String node, Clock clock) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.node = Objects.requireNonNull(node, "node");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.discarded = publisher == NoopEventPublisher.INSTANCE;
        InteractionEvent.builder(EventType.SMS_RELAYED, clock.instant(), node).build();
    }

    /**
     * The upstream SMSC accepted an MT, or the ESME acknowledged an MO, of this session.
     *
     * @param systemId the ESME account it came from (MT) or went to (MO)
     * @param smsc the upstream SMSC it went to (MT) or came from (MO), by conf name
     */
    public void relayed(Decision.Route route, String systemId, String smsc) {
        if (discarded) {
            return;
        }
        publisher.publish(InteractionEvent.forRoute(EventType.SMS_RELAYED, clock.instant(), node, route)
                .smsPeers(systemId, smsc).build());
    }
}
