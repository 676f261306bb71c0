package io.maskgate.testing;

import io.maskgate.core.events.EventPublisher;
import io.maskgate.core.events.InteractionEvent;
import java.util.List;
import java.util.Objects;

/** An {@link EventPublisher} that appends every event to a list the test reads (thread-safe if the list is). */
public final class RecordingEventPublisher implements EventPublisher {

    private final List<InteractionEvent> into;

    public RecordingEventPublisher(List<InteractionEvent> into) {
        this.into = Objects.requireNonNull(into, "into");
    }

    @Override
    public void publish(InteractionEvent event) {
        into.add(event);
    }

    @Override
    public void close() {
        // nothing held
    }
}
