package io.maskgate.sip.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps jain-sip's shared parser debug counter near zero, so that parsing does not get slower the
 * longer the process runs.
 *
 * <p>jain-sip's {@code ParserCore.dbg_enter}/{@code dbg_leave} are called by some header parsers
 * even when parser debugging is off: every address header (From, To, Contact, Route, P-Asserted-
 * Identity ..., through {@code AddressParametersParser}) and the Date header. Each call first builds
 * a string of {@code nesting_level} characters, then moves the static, unsynchronised
 * {@code nesting_level} up or down by one. Parsers on more than one thread (the SIP event loops)
 * lose some of those updates, so the counter walks away from zero for as long as the process runs
 * (reported upstream as usnistgov/jsip#46 and RestComm/jain-sip#187). A positive value costs that
 * many appends per address header: the seven messages of one relayed call parse in 46 us at 0,
 * 82 us at 1,000 and 501 us at 10,000 ({@code SipParseBenchmark}).
 *
 * <p>{@link #check()} runs after every parse and sets the counter back to zero once it has left a
 * small band. A parse in flight on another thread at that moment leaves it a little below zero,
 * which costs nothing (the string is built only for positive values). If a jain-sip release drops
 * the field, the guard finds nothing to guard and says so once at start-up.
 */
final class ParserDepthGuard {

    /** How far the counter may drift before it is reset: a few address headers' worth. */
    static final int BAND = 16;

    private static final Logger log = LoggerFactory.getLogger(ParserDepthGuard.class);
    private static final VarHandle LEVEL = findLevel();

    private ParserDepthGuard() {
    }

    /** Resets jain-sip's counter if it has drifted out of the band. Cheap: one plain read. */
    static void check() {
        if (LEVEL != null) {
            int level = (int) LEVEL.get();
            if (level > BAND || level < -BAND) {
                LEVEL.set(0);
            }
        }
    }

    /** Whether the jain-sip on the class path has the counter this class guards. */
    static boolean active() {
        return LEVEL != null;
    }

    private static VarHandle findLevel() {
        try {
            Class<?> core = Class.forName("gov.nist.core.ParserCore");
            return MethodHandles.privateLookupIn(core, MethodHandles.lookup())
                    .findStaticVarHandle(core, "nesting_level", int.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("jain-sip's parser debug counter was not found ({}); nothing to guard", e.getClass().getSimpleName());
            return null;
        }
    }
}
