package io.maskgate.sip.auth;

import io.maskgate.sip.codec.SipHeader;
import io.maskgate.sip.codec.SipMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides whether a new INVITE carries valid digest credentials (RFC 3261 section 22, RFC 7616,
 * RFC 8760), the way a proxy does: a request without an answer to one of our challenges gets a
 * 407 with {@code Proxy-Authenticate}; a wrong answer gets 403, so that a caller with a bad
 * password is told so instead of being challenged round and round; an answer to a nonce past its
 * time gets a fresh challenge with {@code stale=true} (the password was right, the caller can
 * answer again without asking anyone for it).
 *
 * <p>An accepted answer is remembered until its nonce expires, and the same answer (nonce, nc and
 * cnonce) presented again is challenged anew: the digest covers the method and Request-URI only, so
 * without this anyone who saw one INVITE on the wire could place calls with it for the nonce's
 * lifetime. Retransmissions never get here: the transaction layer absorbs them.
 *
 * <p>Thread-safe; the SIP loops share one.
 */
public final class DigestAuthenticator {

    /** What to do with the INVITE. */
    public sealed interface Verdict {
        /** Authenticated as {@code username}. */
        record Accepted(String username) implements Verdict {}

        /** Answer 407 with these headers. */
        record Challenge(List<SipHeader> headers, boolean stale) implements Verdict {}

        /** Answer 403: credentials for our realm that are wrong (unknown user, wrong digest, wrong URI). */
        record Refused() implements Verdict {}
    }

    /** Accepted answers remembered at most; beyond it (a flood) answers are challenged again: fail closed. */
    static final int MAX_REMEMBERED = 200_000;
    private static final int PURGE_EVERY = 4096;

    private final SipDigestAuthOptions options;
    private final Clock clock;
    private final Nonces nonces;
    private final Map<String, SipDigestUser> users = new HashMap<>();
    private final ConcurrentHashMap<String, Long> accepted = new ConcurrentHashMap<>();
    private final AtomicInteger sincePurge = new AtomicInteger();

    public DigestAuthenticator(SipDigestAuthOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
        this.nonces = new Nonces(options.nonceTtl(), clock);
        options.users().forEach(u -> users.put(u.username(), u));
    }

    public Verdict check(SipMessage request) {
        for (String header : request.headerValues("Proxy-Authorization")) {
            Optional<DigestParameters> credentials = DigestParameters.parse(header);
            if (credentials.isPresent()
                    && credentials.get().get("realm").filter(options.realm()::equals).isPresent()) {
                return verify(credentials.get(), request);
            }
        }
        return challenge(false);
    }

    private Verdict verify(DigestParameters c, SipMessage request) {
        Optional<String> username = c.get("username");
        Optional<String> nonce = c.get("nonce");
        Optional<String> uri = c.get("uri");
        Optional<String> response = c.get("response");
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.named(c.get("algorithm").orElse(null));
        if (username.isEmpty() || nonce.isEmpty() || uri.isEmpty() || response.isEmpty()
                || algorithm.filter(options.algorithm()::equals).isEmpty()) {
            return challenge(false);
        }
        long validUntil = nonces.validUntil(nonce.get());
        if (validUntil == Nonces.INVALID) {
            return challenge(false);
        }
        if (validUntil < clock.millis()) {
            return challenge(true);
        }
        SipDigestUser user = users.get(username.get());
        if (user == null || !sameUri(uri.get(), request.requestUri())) {
            return new Verdict.Refused();
        }
        Optional<String> qop = c.get("qop");
        Optional<String> nc = c.get("nc");
        Optional<String> cnonce = c.get("cnonce");
        if (qop.isPresent() && (!qop.get().equalsIgnoreCase("auth") || nc.isEmpty() || cnonce.isEmpty())) {
            return challenge(false);
        }
        DigestAlgorithm a = algorithm.get();
        String ha2 = a.hex(request.method() + ":" + uri.get());
        String expected = qop.isPresent()
                ? a.hex(user.ha1(a) + ":" + nonce.get() + ":" + nc.get() + ":" + cnonce.get() + ":auth:" + ha2)
                // RFC 2069 style, which RFC 3261 section 22.4 still accepts from older equipment
                : a.hex(user.ha1(a) + ":" + nonce.get() + ":" + ha2);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                response.get().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return new Verdict.Refused();
        }
        String answer = nonce.get() + ":" + nc.orElse("") + ":" + cnonce.orElse("");
        if (!remember(answer, validUntil)) {
            return challenge(true);
        }
        return new Verdict.Accepted(user.username());
    }

    /** False when this answer was accepted before (a replay), or when the memory is full. */
    private boolean remember(String answer, long expiresAt) {
        if (sincePurge.incrementAndGet() >= PURGE_EVERY || accepted.size() >= MAX_REMEMBERED) {
            sincePurge.set(0);
            long now = clock.millis();
            accepted.values().removeIf(until -> until < now);
            if (accepted.size() >= MAX_REMEMBERED) {
                return false;
            }
        }
        return accepted.putIfAbsent(answer, expiresAt) == null;
    }

    /**
     * RFC 7616 section 3.4.6 wants the digest's {@code uri} to name the resource of the Request-Line.
     * SIP equipment writes either the Request-URI or a URI of the server it sends to without a user
     * part (sipp does the latter), so both are taken; a URI naming another number is not. The answer
     * stays bound to the method, and cannot be used twice (see the class comment).
     */
    private static boolean sameUri(String digestUri, String requestUri) {
        String uri = digestUri.strip();
        if (uri.equalsIgnoreCase(requestUri.strip())) {
            return true;
        }
        String lower = uri.toLowerCase(java.util.Locale.ROOT);
        String rest = lower.startsWith("sip:") ? lower.substring(4) : lower.startsWith("sips:") ? lower.substring(5) : null;
        return rest != null && !rest.isEmpty() && rest.indexOf('@') < 0;
    }

    private Verdict challenge(boolean stale) {
        String value = "Digest realm=\"" + options.realm() + "\", nonce=\"" + nonces.issue()
                + "\", qop=\"auth\", algorithm=" + options.algorithm().token() + (stale ? ", stale=true" : "");
        return new Verdict.Challenge(List.of(new SipHeader("Proxy-Authenticate", value)), stale);
    }

    /** Accepted answers held now, for tests. */
    int remembered() {
        return accepted.size();
    }
}
