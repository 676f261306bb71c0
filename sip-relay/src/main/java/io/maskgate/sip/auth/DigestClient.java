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
 * <p>Each nonce is answered once, with {@code nc=00000001}: the gateway does not keep a trunk's
 * nonce to authorize later requests ahead of a challenge. Stateless and thread-safe.
 */
public final class DigestClient {

    /** The credentials to add to the request sent again, and whether a challenge said {@code stale=true}. */
    public record Answer(List<SipHeader> headers, boolean stale) {
        public Answer {
            headers = List.copyOf(headers);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String NONCE_COUNT = "00000001";

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
        Set<String> realmsAnswered = new HashSet<>();
        boolean stale = false;
        for (String value : response.headerValues(challengeHeader)) {
            Optional<DigestParameters> challenge = DigestParameters.parse(value);
            if (challenge.isEmpty()) {
                continue; // another scheme, or a header we cannot read
            }
            Optional<String> credentials = credentials(challenge.get(), method, requestUri, account, cnonces);
            String realm = challenge.get().get("realm").orElse("");
            if (credentials.isPresent() && realmsAnswered.add(realm)) {
                headers.add(new SipHeader(answerHeader, credentials.get()));
                stale |= challenge.get().get("stale").filter("true"::equalsIgnoreCase).isPresent();
            }
        }
        return headers.isEmpty() ? Optional.empty() : Optional.of(new Answer(headers, stale));
    }

    /** The credentials answering one challenge (RFC 7616 section 3.4.1); empty when it cannot be answered. */
    private static Optional<String> credentials(DigestParameters challenge, String method, String requestUri,
            DigestAccount account, Supplier<String> cnonces) {
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
        String ha1 = a.hex(account.username() + ":" + realm.get() + ":" + account.password());
        String ha2 = a.hex(method + ":" + requestUri);
        String cnonce = qopAuth ? cnonces.get() : null;
        String response = qopAuth
                ? a.hex(ha1 + ":" + nonce.get() + ":" + NONCE_COUNT + ":" + cnonce + ":auth:" + ha2)
                : a.hex(ha1 + ":" + nonce.get() + ":" + ha2);
        StringBuilder h = new StringBuilder(256).append("Digest username=").append(quoted(account.username()))
                .append(", realm=").append(quoted(realm.get()))
                .append(", nonce=").append(quoted(nonce.get()))
                .append(", uri=").append(quoted(requestUri))
                .append(", response=\"").append(response).append('"')
                .append(", algorithm=").append(a.token());
        challenge.get("opaque").ifPresent(o -> h.append(", opaque=").append(quoted(o)));
        if (qopAuth) {
            h.append(", qop=auth, nc=").append(NONCE_COUNT).append(", cnonce=").append(quoted(cnonce));
        }
        return Optional.of(h.toString());
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
