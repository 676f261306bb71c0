package io.maskgate.sip.auth;

import static io.maskgate.sip.auth.DigestTestMessages.URI;
import static io.maskgate.sip.auth.DigestTestMessages.invite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DigestAuthenticatorTest {

    private static final String REALM = "maskgate";
    private static final Pattern NONCE = Pattern.compile("nonce=\"([^\"]+)\"");

    /** The example of RFC 7616 section 3.9.1, for both algorithms, and RFC 2617's for MD5. */
    @Test
    void theDigestArithmeticGivesTheRfcExamples() {
        String ha2 = "GET:/dir/index.html";
        String tail = ":7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v:00000001:f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ:auth:";
        SipDigestUser mufasa = SipDigestUser.of("Mufasa", "http-auth@example.org", "Circle of Life");
        for (var e : Map.of(DigestAlgorithm.MD5, "8ca523f5e9506fed4657c9700eebdbec", DigestAlgorithm.SHA_256,
                "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1").entrySet()) {
            DigestAlgorithm a = e.getKey();
            assertEquals(e.getValue(), a.hex(mufasa.ha1(a) + tail + a.hex(ha2)), a.token());
        }
        SipDigestUser rfc2617 = SipDigestUser.of("Mufasa", "testrealm@host.com", "Circle Of Life");
        assertEquals("6629fae49393a05397450978507c4ef1", DigestAlgorithm.MD5.hex(rfc2617.ha1(DigestAlgorithm.MD5)
                + ":dcd98b7102dd2f0e8b11d0f600bfb0c093:00000001:0a4f113b:auth:" + DigestAlgorithm.MD5.hex(ha2)));
    }

    @Test
    void anInviteWithoutCredentialsIsChallengedAndTheRightAnswerAccepted() {
        DigestAuthenticator auth = authenticator(DigestAlgorithm.MD5, new MutableClock());
        String nonce = challengedNonce(auth.check(invite(List.of())), "MD5");
        var verdict = auth.check(invite(List.of(answer(DigestAlgorithm.MD5, "carrier", "s3cret", nonce, "00000001", "abc"))));
        assertEquals(new DigestAuthenticator.Verdict.Accepted("carrier"), verdict);
    }

    @Test
    void sha256IsChallengedAndAnsweredWhenConfigured() {
        DigestAuthenticator auth = authenticator(DigestAlgorithm.SHA_256, new MutableClock());
        String nonce = challengedNonce(auth.check(invite(List.of())), "SHA-256");
        assertInstanceOf(DigestAuthenticator.Verdict.Accepted.class, auth.check(invite(List.of(
                answer(DigestAlgorithm.SHA_256, "carrier", "s3cret", nonce, "00000001", "abc")))));
        String next = challengedNonce(auth.check(invite(List.of())), "SHA-256");
        assertInstanceOf(DigestAuthenticator.Verdict.Challenge.class, auth.check(invite(List.of(
                answer(DigestAlgorithm.MD5, "carrier", "s3cret", next, "00000001", "abc")))),
                "an answer in an algorithm not offered is challenged again");
    }

    @Test
    void aWrongPasswordOrAnUnknownUserIsRefusedNotChallengedAgain() {
        DigestAuthenticator auth = authenticator(DigestAlgorithm.MD5, new MutableClock());
        String nonce = challengedNonce(auth.check(invite(List.of())), "MD5");
        assertInstanceOf(DigestAuthenticator.Verdict.Refused.class,
                auth.check(invite(List.of(answer(DigestAlgorithm.MD5, "carrier", "guess", nonce, "00000001", "a")))));
        assertInstanceOf(DigestAuthenticator.Verdict.Refused.class,
                auth.check(invite(List.of(answer(DigestAlgorithm.MD5, "nobody", "s3cret", nonce, "00000001", "b")))));
    }

    @Test
    void anAnswerForAnotherRequestUriIsRefused() {
        DigestAuthenticator auth = authenticator(DigestAlgorithm.MD5, new MutableClock());
        String nonce = challengedNonce(auth.check(invite(List.of())), "MD5");
        String forOtherUri = answer(DigestAlgorithm.MD5, "carrier", "s3cret", nonce, "00000001", "c")
                .replace(URI, "sip:+918000000002@127.0.0.1:5060;user=phone");
        assertInstanceOf(DigestAuthenticator.Verdict.Refused.class, auth.check(invite(List.of(forOtherUri))));
    }

    @Test
    void anAnswerForTheServersOwnUriIsTakenAsSomeEquipmentWritesIt() {
        DigestAuthenticator auth = authenticator(DigestAlgorithm.MD5, new MutableClock());
        String nonce = challengedNonce(auth.check(invite(List.of())), "MD5");
        String serverUri = "sip:127.0.0.1:5060";
        String ha1 = DigestAlgorithm.MD5.hex("carrier:" + REALM + ":s3cret");
        String response = DigestAlgorithm.MD5.hex(ha1 + ":" + nonce + ":00000001:h:auth:"
                + DigestAlgorithm.MD5.hex("INVITE:" + serverUri));
        String answer = "Digest username=\"carrier\",realm=\"maskgate\",cnonce=\"h\",nc=00000001,qop=auth,uri=\""
                + serverUri + "\",nonce=\"" + nonce + "\",response=\"" + response + "\",algorithm=MD5";
        assertInstanceOf(DigestAuthenticator.Verdict.Accepted.class, auth.check(invite(List.of(answer))));
    }

    @Test
    void anOldNonceGetsAStaleChallengeAndAForgedOneAPlainOne() {
        MutableClock clock = new MutableClock();
        DigestAuthenticator auth = authenticator(DigestAlgorithm.MD5, clock);
        String nonce = challengedNonce(auth.check(invite(List.of())), "MD5");
        clock.advance(Duration.ofSeconds(31));
        var stale = assertInstanceOf(DigestAuthenticator.Verdict.Challenge.class,
                auth.check(invite(List.of(answer(DigestAlgorithm.MD5, "carrier", "s3cret", nonce, "00000001", "d")))));
        assertTrue(stale.stale() && stale.headers().get(0).value().endsWith(", stale=true"), stale.toString());

        String forged = nonce.substring(0, nonce.length() - 2) + (nonce.endsWith("AA") ? "BB" : "AA");
        var plain = assertInstanceOf(DigestAuthenticator.Verdict.Challenge.class,
                auth.check(invite(List.of(answer(DigestAlgorithm.MD5, "carrier", "s3cret", forged, "00000001", "e")))));
        assertFalse(plain.stale());
    }

    @Test
    void theSameAnswerTwiceIsAReplayAndIsChallengedAgainButANewCountIsNot() {
        DigestAuthenticator auth = authenticator(DigestAlgorithm.MD5, new MutableClock());
        String nonce = challengedNonce(auth.check(invite(List.of())), "MD5");
        String first = answer(DigestAlgorithm.MD5, "carrier", "s3cret", nonce, "00000001", "f");
        assertInstanceOf(DigestAuthenticator.Verdict.Accepted.class, auth.check(invite(List.of(first))));
        var replay = assertInstanceOf(DigestAuthenticator.Verdict.Challenge.class, auth.check(invite(List.of(first))));
        assertTrue(replay.stale(), "a fresh nonce lets an honest client answer again");
        assertInstanceOf(DigestAuthenticator.Verdict.Accepted.class, auth.check(invite(List.of(
                answer(DigestAlgorithm.MD5, "carrier", "s3cret", nonce, "00000002", "f")))));
        assertEquals(2, auth.remembered());
    }

    @Test
    void credentialsForAnotherRealmOrSchemeAreIgnored() {
        DigestAuthenticator auth = authenticator(DigestAlgorithm.MD5, new MutableClock());
        String nonce = challengedNonce(auth.check(invite(List.of())), "MD5");
        String otherRealm = answer(DigestAlgorithm.MD5, "carrier", "s3cret", nonce, "00000001", "g")
                .replace("realm=\"maskgate\"", "realm=\"upstream\"");
        assertInstanceOf(DigestAuthenticator.Verdict.Challenge.class, auth.check(invite(List.of(otherRealm))));
        assertInstanceOf(DigestAuthenticator.Verdict.Challenge.class,
                auth.check(invite(List.of("Basic Y2FycmllcjpzM2NyZXQ="))));
        assertInstanceOf(DigestAuthenticator.Verdict.Accepted.class, auth.check(invite(List.of(otherRealm,
                answer(DigestAlgorithm.MD5, "carrier", "s3cret", nonce, "00000001", "g")))),
                "the header for our realm is found among others");
    }

    @Test
    void credentialsParseQuotedStringsAndRejectBrokenOnes() {
        var c = DigestParameters.parse("Digest username=\"a\\\"b\", realm=\"r, s\",nc=00000001 , qop=auth").orElseThrow();
        assertEquals("a\"b", c.get("username").orElseThrow());
        assertEquals("r, s", c.get("realm").orElseThrow());
        assertEquals("00000001", c.get("nc").orElseThrow());
        assertEquals("auth", c.get("qop").orElseThrow());
        assertTrue(DigestParameters.parse("Digest username=\"open").isEmpty());
        assertTrue(DigestParameters.parse("Digest realm=\"a\", realm=\"b\"").isEmpty());
        assertTrue(DigestParameters.parse("Digestive realm=\"a\"").isEmpty());
    }

    @Test
    void optionsAreCheckedWhereTheyAreMade() {
        SipDigestUser u = SipDigestUser.of("carrier", REALM, "s3cret");
        assertThrows(IllegalArgumentException.class,
                () -> new SipDigestAuthOptions(REALM, DigestAlgorithm.MD5, Duration.ofSeconds(30), List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new SipDigestAuthOptions(REALM, DigestAlgorithm.MD5, Duration.ofSeconds(30), List.of(u, u)));
        assertThrows(IllegalArgumentException.class,
                () -> new SipDigestAuthOptions("a\"b", DigestAlgorithm.MD5, Duration.ofSeconds(30), List.of(u)));
        assertThrows(IllegalArgumentException.class, () -> SipDigestUser.of("carrier", REALM, ""));
        assertFalse(u.toString().contains(u.ha1(DigestAlgorithm.MD5)), "the account prints without its hash");
    }

    private static DigestAuthenticator authenticator(DigestAlgorithm algorithm, Clock clock) {
        return new DigestAuthenticator(new SipDigestAuthOptions(REALM, algorithm, Duration.ofSeconds(30),
                List.of(SipDigestUser.of("carrier", REALM, "s3cret"))), clock);
    }

    private static String challengedNonce(DigestAuthenticator.Verdict verdict, String algorithm) {
        var challenge = assertInstanceOf(DigestAuthenticator.Verdict.Challenge.class, verdict);
        assertEquals("Proxy-Authenticate", challenge.headers().get(0).name());
        String value = challenge.headers().get(0).value();
        assertTrue(value.startsWith("Digest realm=\"maskgate\", nonce=\"") && value.contains("qop=\"auth\"")
                && value.contains("algorithm=" + algorithm), value);
        Matcher m = NONCE.matcher(value);
        assertTrue(m.find(), value);
        return m.group(1);
    }

    /** What a client computes (RFC 7616 section 3.4.1) for an INVITE to {@link #URI}. */
    private static String answer(DigestAlgorithm a, String user, String password, String nonce, String nc,
            String cnonce) {
        String ha1 = a.hex(user + ":" + REALM + ":" + password);
        String response = a.hex(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + a.hex("INVITE:" + URI));
        return "Digest username=\"" + user + "\", realm=\"" + REALM + "\", nonce=\"" + nonce + "\", uri=\"" + URI
                + "\", response=\"" + response + "\", algorithm=" + a.token() + ", cnonce=\"" + cnonce
                + "\", qop=auth, nc=" + nc;
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-27T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
