package io.maskgate.core.events;

/**
 * Sends interaction events to the analytics side. <b>An analytics outage must never block or fail
 * a call:</b> {@link #publish} returns at once, never throws for delivery problems, and counts what
 * it could not deliver. Events are best effort; the decision log ({@code core.audit}) is the record
 * that must be complete.
 */
public interface EventPublisher extends AutoCloseable {

    /** Hands the event off for delivery; never blocks, never throws for delivery failures. */
    void publish(InteractionEvent event);

    /** Stops publishing; events in flight may still complete. Idempotent. */
    @Override
    void close();
}
