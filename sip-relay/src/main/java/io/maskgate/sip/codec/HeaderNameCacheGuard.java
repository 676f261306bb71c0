package io.maskgate.sip.codec;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds jain-sip's process-wide cache of lower-cased header names, which otherwise grows with
 * every header name anyone sends.
 *
 * <p>jain-sip lower-cases each header name it parses through {@code SIPHeaderNamesCache}, which
 * keeps every name it has not seen before, and its interned lower-case form, in a static map for
 * the life of the process. Header names are the sender's to choose (any extension header is
 * legal), and a datagram is parsed before anything looks at where it came from, so whoever can
 * reach the SIP port can grow that map without end. Measured here: 400,000 messages with a fresh
 * {@code X-} header name each left 800,000 entries and 94 MB of heap behind, ~230 bytes a name.
 *
 * <p>{@link #check()} runs after every parse and empties the map once it holds more than
 * {@link #MAX_ENTRIES}. It is only a cache: jain-sip puts back the names still in use the next time
 * it meets them, as the same interned strings. If a jain-sip release drops the map, the guard finds
 * nothing to bound and says so once at start-up.
 */
final class HeaderNameCacheGuard {

    /** jain-sip starts with ~110 entries (the names it knows, in both cases); thousands is never normal traffic. */
    static final int MAX_ENTRIES = 4096;

    private static final Logger log = LoggerFactory.getLogger(HeaderNameCacheGuard.class);
    private static final Map<?, ?> CACHE = findCache();
    /** Process-wide like the cache itself; a steady rise means a peer sends header names by the thousand. */
    private static final java.util.concurrent.atomic.AtomicLong CLEARS = new java.util.concurrent.atomic.AtomicLong();

    private HeaderNameCacheGuard() {
    }

    /** Empties jain-sip's header-name cache if it has grown past the bound. */
    static void check() {
        if (CACHE != null && CACHE.size() > MAX_ENTRIES) {
            CACHE.clear();
            CLEARS.incrementAndGet();
        }
    }

    /** How many times this process has emptied the cache. */
    static long clears() {
        return CLEARS.get();
    }

    /** Whether the jain-sip on the class path has the cache this class bounds. */
    static boolean active() {
        return CACHE != null;
    }

    /** How many entries jain-sip's cache holds now, or -1 when there is none. */
    static int size() {
        return CACHE == null ? -1 : CACHE.size();
    }

    private static Map<?, ?> findCache() {
        try {
            java.lang.reflect.Field f = Class.forName("gov.nist.javax.sip.header.SIPHeaderNamesCache")
                    .getDeclaredField("lowercaseMap");
            f.setAccessible(true);
            // a ConcurrentHashMap in the versions we ship: clearing it under parsers on other threads is safe
            if (f.get(null) instanceof java.util.concurrent.ConcurrentMap<?, ?> map) {
                return map;
            }
            log.warn("jain-sip's header-name cache is not a concurrent map; left alone");
            return null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("jain-sip's header-name cache was not found ({}); nothing to bound", e.getClass().getSimpleName());
            return null;
        }
    }
}
