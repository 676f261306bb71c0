package io.maskgate.sip.auth;

import static io.maskgate.sip.auth.DigestTestMessages.URI;
import static io.maskgate.sip.auth.DigestTestMessages.invite;
import static io.maskgate.sip.auth.DigestTestMessages.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.sip.codec.SipHeader;
import io.maskgate.sip.codec.SipMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The client side of digest: what the gateway answers a trunk's 401 or 407 with. */
class DigestClientTest {

    /** RFC 2617 section 3.5's example, through a SIP 401: the response and every echoed parameter. */
    @Test
    void aWwwAuthenticateChallengeIsAnsweredAsRfc2617Computes() {
        SipMessage challenge = response(401, "WWW-Authenticate: Digest realm=\"testrealm@host.com\", "
                + "qop=\"auth,auth-int\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", "
                + "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
        DigestClient.Answer answer = DigestClient.answer(challenge, "GET", "/dir/index.html",
                new DigestAccount("Mufasa", "Circle Of Life"), () -> "0a4f113b").orElseThrow();
        assertFalse(answer.stale());
        assertEquals(1, answer.headers().size());
        SipHeader h = answer.headers().get(0);
        assertEquals("Authorization", h.name());
        DigestParameters p = DigestParameters.parse(h.value()).orElseThrow();
        assertEquals(Optional.of("6629fae49393a05397450978507c4ef1"), p.get("response"));
        assertEquals(Optional.of("Mufasa"), p.get("username"));
        assertEquals(Optional.of("testrealm@host.com"), p.get("realm"));
        assertEquals(Optional.of("/dir/index.html"), p.get("uri"));
        assertEquals(Optional.of("5ccc069c403ebaf9f0171e9517f40e41"), p.get("opaque"));
        assertEquals(Optional.of("auth"), p.get("qop"));
        assertEquals(Optional.of("00000001"), p.get("nc"));
        assertEquals(Optional.of("0a4f113b"), p.get("cnonce"));
    }

    /** RFC 7616 section 3.9.1's example, SHA-256 listed first as RFC 8760 servers do. */
    @Test
    void theFirstChallengeWithAnAlgorithmWeKnowIsTakenPerRealm() {
        SipMessage challenge = response(407,
                "Proxy-Authenticate: Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=SHA-256,"
                        + " nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\","
                        + " opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"",
                "Proxy-Authenticate: Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=MD5,"
                        + " nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\","
                        + " opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"");
        DigestClient.Answer answer = DigestClient.answer(challenge, "GET", "/dir/index.html",
                new DigestAccount("Mufasa", "Circle of Life"),
                () -> "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ").orElseThrow();
        assertEquals(1, answer.headers().size(), "one answer per realm");
        assertEquals("Proxy-Authorization", answer.headers().get(0).name());
        DigestParameters p = DigestParameters.parse(answer.headers().get(0).value()).orElseThrow();
        assertEquals(Optional.of("SHA-256"), p.get("algorithm"));
        assertEquals(Optional.of("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"),
                p.get("response"));
    }

    /** Our own server side accepts what our client side answers to its challenge, for both algorithms. */
    @Test
    void theGatewaysOwnAuthenticatorAcceptsTheAnswer() {
        for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
            DigestAuthenticator server = new DigestAuthenticator(new SipDigestAuthOptions("trunk.example",
                    algorithm, Duration.ofSeconds(30), List.of(SipDigestUser.of("maskgate", "trunk.example", "pw"))),
                    Clock.systemUTC());
            var challenge = assertInstanceOf(DigestAuthenticator.Verdict.Challenge.class, server.check(invite(List.of())));
            SipMessage r407 = response(407, "Proxy-Authenticate: " + challenge.headers().get(0).value());
            DigestClient.Answer answer = DigestClient.answer(r407, "INVITE", URI, new DigestAccount("maskgate", "pw"))
                    .orElseThrow();
            assertEquals(new DigestAuthenticator.Verdict.Accepted("maskgate"),
                    server.check(invite(List.of(answer.headers().get(0).value()))), algorithm.token());
            DigestClient.Answer wrong = DigestClient.answer(r407, "INVITE", URI, new DigestAccount("maskgate", "guess"))
                    .orElseThrow();
            assertInstanceOf(DigestAuthenticator.Verdict.Refused.class,
                    server.check(invite(List.of(wrong.headers().get(0).value()))));
        }
    }

    @Test
    void challengesWeCannotAnswerGiveNoAnswer() {
        DigestAccount account = new DigestAccount("maskgate", "pw");
        for (String header : List.of(
                "Proxy-Authenticate: Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\"",
                "Proxy-Authenticate: Digest realm=\"r\", nonce=\"n\", algorithm=MD5-sess, qop=\"auth\"",
                "Proxy-Authenticate: Digest realm=\"r\", qop=\"auth\"",
                "Proxy-Authenticate: Basic realm=\"r\"")) {
            assertTrue(DigestClient.answer(response(407, header), "INVITE", URI, account).isEmpty(), header);
        }
        assertTrue(DigestClient.answer(response(401, "Proxy-Authenticate: Digest realm=\"r\", nonce=\"n\""),
                "INVITE", URI, account).isEmpty(), "a 401 is answered from WWW-Authenticate only");
        assertTrue(DigestClient.answer(response(403, "WWW-Authenticate: Digest realm=\"r\", nonce=\"n\""),
                "INVITE", URI, account).isEmpty(), "only a 401 or 407 is a challenge");
    }

    @Test
    void twoRealmsGetTwoAnswersAndStaleIsReported() {
        SipMessage challenge = response(407,
                "Proxy-Authenticate: Digest realm=\"edge\", nonce=\"n1\", stale=TRUE",
                "Proxy-Authenticate: Digest realm=\"core \\\"b\\\"\", nonce=\"n2\", qop=\"auth\"");
        DigestClient.Answer answer = DigestClient.answer(challenge, "INVITE", URI, new DigestAccount("maskgate", "pw"))
                .orElseThrow();
        assertTrue(answer.stale());
        assertEquals(2, answer.headers().size());
        DigestParameters first = DigestParameters.parse(answer.headers().get(0).value()).orElseThrow();
        assertTrue(first.get("qop").isEmpty(), "no qop offered: RFC 2069 style answer");
        assertEquals(Optional.of(DigestAlgorithm.MD5.hex(DigestAlgorithm.MD5.hex("maskgate:edge:pw") + ":n1:"
                + DigestAlgorithm.MD5.hex("INVITE:" + URI))), first.get("response"));
        assertEquals(Optional.of("core \"b\""),
                DigestParameters.parse(answer.headers().get(1).value()).orElseThrow().get("realm"),
                "the trunk's quotes are escaped, and read back whole");
    }

    @Test
    void theAccountNeverPrintsItsPassword() {
        assertFalse(new DigestAccount("maskgate", "s3cret-pw").toString().contains("s3cret-pw"));
        assertThrows(IllegalArgumentException.class, () -> new DigestAccount("a\"b", "pw"));
        assertThrows(IllegalArgumentException.class, () -> new DigestAccount("maskgate", ""));
    }
}
