package io.maskgate.core.events;

import java.util.Objects;

/** Drops every event: the single-node quick start, where no analytics stack listens. */
public final class NoopEventPublisher implements EventPublisher {

    /** The one instance; it holds no state. */
    public static final NoopEventPublisher INSTANCE = new NoopEventPublisher();

    private NoopEventPublisher() {
    }

    @Override
    public void publish(InteractionEvent event) {
        Objects.requireNonNull(event, "event");
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String toString() {
        return "NoopEventPublisher";
    }
}
