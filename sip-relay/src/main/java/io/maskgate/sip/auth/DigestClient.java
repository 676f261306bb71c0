package io.maskgate.sip.auth;

import io.maskgate.sip.codec.SipHeader;
import io.maskgate.sip.codec.SipMessage;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Answers the digest challenge in a 401 or 407 to a request the gateway sent to a trunk (RFC 3261
 * sections 22.2 and 22.3, RFC 7616 section 3.4, RFC 8760): a 401's {@code WWW-Authenticate} is
 * answered in {@code Authorization}, a 407's {@code Proxy-Authenticate} in
 * {@code Proxy-Authorization}, one answer per realm (a request that crossed two proxies may come
 * back with a challenge from each, section 22.3).
 *
 * <p>Of several challenges for one realm the first this client can answer is taken (RFC 8760
 * section 2.4: a server lists them in its order of preference). Answerable: algorithm MD5 or
 * SHA-256 (none named means MD5), qop absent (RFC 2069 style) or offering {@code auth}. The
 * {@code -sess} algorithms and {@code auth-int} alone are not: a trunk that insists on them gets
 * no answer, and the call goes to the next trunk.
 *
 * <p>A challenge is answered with {@code nc=00000001}. The challenges answered can be kept
 * ({@link Answer#challenges()}) to authorize a trunk's later INVITEs ahead of its challenge with the
 * same nonce and the next nonce count ({@link #ahead}, RFC 7616 section 3.4.5, RFC 3261 section
 * 22.3): only a {@code qop=auth} challenge is kept, since without a nonce count the same answer
 * would be a replay. Stateless and thread-safe.
 */
public final class DigestClient {

    /**
     * The credentials to add to the request sent again, whether a challenge said
     * {@code stale=true}, and the answered challenges that may authorize later requests ahead.
     */
    public record Answer(List<SipHeader> headers, boolean stale, List<Challenge> challenges) {
        public Answer {
            headers = List.copyOf(headers);
            challenges = List.copyOf(challenges);
        }
    }

    /**
     * A {@code qop=auth} challenge answered once, kept to answer ahead: its parameters and the
     * header the answer goes in ({@code Authorization} or {@code Proxy-Authorization}). Opaque
     * outside this package: only {@link #ahead} reads it.
     */
    public static final class Challenge {
        private final String answerHeader;
        private final DigestParameters parameters;

        Challenge(String answerHeader, DigestParameters parameters) {
            this.answerHeader = answerHeader;
            this.parameters = parameters;
        }

        String answerHeader() {
            return answerHeader;
        }

        DigestParameters parameters() {
            return parameters;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int FIRST_NONCE_COUNT = 1;

    private DigestClient() {
    }

    /**
     * @param response a 401 or 407 to our request
     * @param method the request's method
     * @param requestUri the request's Request-URI, which the digest covers
     * @return empty when the response holds no challenge this client can answer
     */
    public static Optional<Answer> answer(SipMessage response, String method, String requestUri,
            DigestAccount account) {
        return answer(response, method, requestUri, account, DigestClient::newCnonce);
    }

    static Optional<Answer> answer(SipMessage response, String method, String requestUri, DigestAccount account,
            Supplier<String> cnonces) {
        String challengeHeader;
        String answerHeader;
        if (response.statusCode() == 401) {
            challengeHeader = "WWW-Authenticate";
            answerHeader = "Authorization";
        } else if (response.statusCode() == 407) {
            challengeHeader = "Proxy-Authenticate";
            answerHeader = "Proxy-Authorization";
        } else {
            return Optional.empty();
        }
        List<SipHeader> headers = new ArrayList<>(1);
        List<Challenge> reusable = new ArrayList<>(1);
        Set<String> realmsAnswered = new HashSet<>();
        boolean stale = false;
        for (String value : response.headerValues(challengeHeader)) {
            Optional<DigestParameters> challenge = DigestParameters.parse(value);
            if (challenge.isEmpty()) {
                continue; // another scheme, or a header we cannot read
            }
            Optional<String> credentials = credentials(challenge.get(), method, requestUri, account, cnonces,
                    FIRST_NONCE_COUNT);
            String realm = challenge.get().get("realm").orElse("");
            if (credentials.isPresent() && realmsAnswered.add(realm)) {
                headers.add(new SipHeader(answerHeader, credentials.get()));
                stale |= challenge.get().get("stale").filter("true"::equalsIgnoreCase).isPresent();
                if (offersQopAuth(challenge.get())) {
                    reusable.add(new Challenge(answerHeader, challenge.get()));
                }
            }
        }
        // kept only when every realm answered can be answered again: half an answer ahead is refused anyway
        List<Challenge> kept = reusable.size() == headers.size() ? reusable : List.of();
        return headers.isEmpty() ? Optional.empty() : Optional.of(new Answer(headers, stale, kept));
    }

    /**
     * Credentials for a request sent before any challenge to it, answering {@code challenges}
     * (kept from an earlier {@link Answer}) again with their nonce and {@code nonceCount}, which
     * must grow with every request that uses the nonce (RFC 7616 section 3.4).
     *
     * @param nonceCount 2 or more: 1 was the answer to the challenge itself
     */
    public static List<SipHeader> ahead(List<Challenge> challenges, long nonceCount, String method, String requestUri,
            DigestAccount account) {
        List<SipHeader> headers = new ArrayList<>(challenges.size());
        for (Challenge c : challenges) {
            credentials(c.parameters(), method, requestUri, account, DigestClient::newCnonce, nonceCount)
                    .ifPresent(h -> headers.add(new SipHeader(c.answerHeader(), h)));
        }
        return headers;
    }

    /** The credentials answering one challenge (RFC 7616 section 3.4.1); empty when it cannot be answered. */
    private static Optional<String> credentials(DigestParameters challenge, String method, String requestUri,
            DigestAccount account, Supplier<String> cnonces, long nonceCount) {
        Optional<String> realm = challenge.get("realm");
        Optional<String> nonce = challenge.get("nonce");
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.named(challenge.get("algorithm").orElse(null));
        if (realm.isEmpty() || nonce.isEmpty() || algorithm.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> qopOffered = challenge.get("qop");
        boolean qopAuth = qopOffered.map(DigestClient::offersAuth).orElse(false);
        if (qopOffered.isPresent() && !qopAuth) {
            return Optional.empty(); // auth-int only: the body would have to be hashed; not supported
        }
        DigestAlgorithm a = algorithm.get();
        String nc = String.format("%08x", nonceCount);
        String ha1 = a.hex(account.username() + ":" + realm.get() + ":" + account.password());
        String ha2 = a.hex(method + ":" + requestUri);
        String cnonce = qopAuth ? cnonces.get() : null;
        String response = qopAuth
                ? a.hex(ha1 + ":" + nonce.get() + ":" + nc + ":" + cnonce + ":auth:" + ha2)
                : a.hex(ha1 + ":" + nonce.get() + ":" + ha2);
        StringBuilder h = new StringBuilder(256).append("Digest username=").append(quoted(account.username()))
                .append(", realm=").append(quoted(realm.get()))
                .append(", nonce=").append(quoted(nonce.get()))
                .append(", uri=").append(quoted(requestUri))
                .append(", response=\"").append(response).append('"')
                .append(", algorithm=").append(a.token());
        challenge.get("opaque").ifPresent(o -> h.append(", opaque=").append(quoted(o)));
        if (qopAuth) {
            h.append(", qop=auth, nc=").append(nc).append(", cnonce=").append(quoted(cnonce));
        }
        return Optional.of(h.toString());
    }

    private static boolean offersQopAuth(DigestParameters challenge) {
        return challenge.get("qop").map(DigestClient::offersAuth).orElse(false);
    }

    /** A qop-options value is a quoted, comma-separated list (RFC 7616 section 3.3). */
    private static boolean offersAuth(String qopOptions) {
        for (String option : qopOptions.split(",")) {
            if (option.strip().toLowerCase(Locale.ROOT).equals("auth")) {
                return true;
            }
        }
        return false;
    }

    /** A quoted-string (RFC 3261 section 25.1): the trunk's own values are echoed, so escape them. */
    private static String quoted(String value) {
        StringBuilder q = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                q.append('\\');
            }
            q.append(c);
        }
        return q.append('"').toString();
    }

    private static String newCnonce() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
