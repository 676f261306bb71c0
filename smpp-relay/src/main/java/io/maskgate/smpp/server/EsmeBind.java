package io.maskgate.smpp.server;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BindType;
import org.jsmpp.session.SMPPServerSession;

/**
 * One live bind of an ESME: who it is, how it is bound, its submit window and when it last sent
 * a PDU. Created when the bind is accepted, dropped from the {@link BindRegistry} when closed.
 */
public final class EsmeBind {
    private final String systemId;
    private final BindType bindType;
    private final SMPPServerSession session;
    private final Activity activity;
    private final Semaphore window;
    private final int windowSize;

    EsmeBind(String systemId, BindType bindType, SMPPServerSession session, Activity activity, int windowSize) {
        this.systemId = Objects.requireNonNull(systemId, "systemId");
        this.bindType = Objects.requireNonNull(bindType, "bindType");
        this.session = Objects.requireNonNull(session, "session");
        this.activity = Objects.requireNonNull(activity, "activity");
        this.window = new Semaphore(windowSize);
        this.windowSize = windowSize;
    }

    public String systemId() {
        return systemId;
    }

    public BindType bindType() {
        return bindType;
    }

    /** True for RX and TRX binds: they may be sent deliver_sm. */
    public boolean canReceive() {
        return bindType.isReceivable();
    }

    public SMPPServerSession session() {
        return session;
    }

    public boolean isOpen() {
        return session.getSessionState().isNotClosed();
    }

    boolean isIdle(Duration idleTimeout) {
        return activity.idleFor() > idleTimeout.toMillis();
    }

    boolean tryOpenWindowSlot() {
        return window.tryAcquire();
    }

    void closeWindowSlot() {
        window.release();
    }

    /** submit_sm received on this bind and not yet answered. */
    public int windowInUse() {
        return windowSize - window.availablePermits();
    }

    void close() {
        session.close();
    }

    /** unbind (SMPP 3.4 section 4.2), wait for unbind_resp up to the session's transaction timer, close. */
    void unbindAndClose() {
        session.unbindAndClose();
    }

    @Override
    public String toString() {
        return "EsmeBind[" + systemId + ", " + bindType + ", session=" + session.getSessionId() + "]";
    }

    /**
     * When a connection last sent a PDU, fed by the framing layer. enquire_link_resp does not
     * count: answering our pings does not keep a bind alive; the ESME must send its own
     * enquire_link (or traffic) within the idle timeout.
     */
    static final class Activity {
        private final Clock clock;
        private final AtomicLong lastMillis;

        Activity(Clock clock) {
            this.clock = clock;
            this.lastMillis = new AtomicLong(clock.millis());
        }

        void onPdu(int commandId) {
            if (commandId != SMPPConstant.CID_ENQUIRE_LINK_RESP) {
                lastMillis.set(clock.millis());
            }
        }

        long idleFor() {
            return clock.millis() - lastMillis.get();
        }
    }
}
