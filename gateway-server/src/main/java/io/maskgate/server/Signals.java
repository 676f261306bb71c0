package io.maskgate.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * POSIX signal handlers through {@code sun.misc.Signal} (module jdk.unsupported; present on every
 * JDK this runs on). A handler runs on a thread of its own that the JVM starts per signal, so it
 * may block. Where a signal cannot be handled (not on Linux), that is logged and start-up goes on.
 */
final class Signals {

    private static final Logger log = LoggerFactory.getLogger(Signals.class);

    private Signals() {
    }

    /** Replaces the JVM's SIGTERM handler (which would exit 143 through the shutdown hooks). */
    static void onTerm(Runnable action) {
        handle("TERM", action);
    }

    /** SIGHUP: by convention, re-read the conf. */
    static void onHup(Runnable action) {
        handle("HUP", action);
    }

    private static void handle(String name, Runnable action) {
        try {
            Signal.handle(new Signal(name), signal -> run(name, action));
        } catch (IllegalArgumentException e) {
            log.warn("SIG{} cannot be handled here ({}); it keeps the JVM's default action", name, e.getMessage());
        }
    }

    private static void run(String name, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.error("SIG{} handler failed", name, e);
        }
    }
}
