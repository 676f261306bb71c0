package io.maskgate.sip.auth;

import static io.maskgate.sip.auth.DigestTestMessages.URI;
import static io.maskgate.sip.auth.DigestTestMessages.invite;
import static io.maskgate.sip.auth.DigestTestMessages.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.sip.codec.SipHeader;
import io.maskgate.sip.codec.SipMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Answering a trunk's last challenge again on its next INVITEs: same nonce, next nonce count. */
class ChallengesAheadTest {

    private static final DigestAccount ACCOUNT = new DigestAccount("maskgate", "pw");

    /** Our own server side takes a nonce again with a higher nonce count: the answers ahead pass it. */
    @Test
    void theNextInvitesCarryTheNonceWithTheNextNonceCountAndAreAccepted() {
        for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
            DigestAuthenticator server = server(algorithm);
            DigestClient.Answer first = firstAnswer(server);
            ChallengesAhead ahead = new ChallengesAhead();
            ahead.answered(first.challenges());

            for (int call = 2; call <= 4; call++) {
                List<SipHeader> credentials = ahead.credentials("INVITE", URI, ACCOUNT);
                assertEquals(1, credentials.size());
                assertEquals("Proxy-Authorization", credentials.get(0).name());
                DigestParameters p = DigestParameters.parse(credentials.get(0).value()).orElseThrow();
                assertEquals(Optional.of(String.format("%08x", call)), p.get("nc"));
                assertEquals(DigestParameters.parse(first.headers().get(0).value()).orElseThrow().get("nonce"),
                        p.get("nonce"), "the nonce of the challenge");
                assertEquals(new DigestAuthenticator.Verdict.Accepted("maskgate"),
                        server.check(invite(List.of(credentials.get(0).value()))), algorithm.token() + " call " + call);
            }
        }
    }

    @Test
    void nothingIsSentAheadBeforeAChallengeOrAfterOneThatCannotBeAnsweredAgain() {
        ChallengesAhead ahead = new ChallengesAhead();
        assertEquals(List.of(), ahead.credentials("INVITE", URI, ACCOUNT), "no challenge yet");

        // RFC 2069 style (no qop): without a nonce count the same answer would be a replay
        SipMessage noQop = response(401, "WWW-Authenticate: Digest realm=\"trunk.example\", nonce=\"abc\"");
        DigestClient.Answer answer = DigestClient.answer(noQop, "INVITE", URI, ACCOUNT).orElseThrow();
        assertEquals(List.of(), answer.challenges());
        ahead.answered(answer.challenges());
        assertEquals(List.of(), ahead.credentials("INVITE", URI, ACCOUNT));
    }

    @Test
    void aNonceIsLetGoAfterItsLastAllowedUse() {
        ChallengesAhead ahead = new ChallengesAhead(5);
        ahead.answered(firstAnswer(server(DigestAlgorithm.MD5)).challenges());
        for (long nc = 2; nc <= 5; nc++) {
            assertEquals(1, ahead.credentials("INVITE", URI, ACCOUNT).size());
        }
        assertTrue(ahead.credentials("INVITE", URI, ACCOUNT).isEmpty(), "the trunk's next challenge is awaited");
        assertTrue(ahead.credentials("INVITE", URI, ACCOUNT).isEmpty());
    }

    private static DigestAuthenticator server(DigestAlgorithm algorithm) {
        return new DigestAuthenticator(new SipDigestAuthOptions("trunk.example", algorithm, Duration.ofSeconds(30),
                List.of(SipDigestUser.of("maskgate", "trunk.example", "pw"))), Clock.systemUTC());
    }

    /** The server's 407 to an INVITE without credentials, answered (nc 1) and accepted. */
    private static DigestClient.Answer firstAnswer(DigestAuthenticator server) {
        var challenge = assertInstanceOf(DigestAuthenticator.Verdict.Challenge.class, server.check(invite(List.of())));
        SipMessage r407 = response(407, "Proxy-Authenticate: " + challenge.headers().get(0).value());
        DigestClient.Answer answer = DigestClient.answer(r407, "INVITE", URI, ACCOUNT).orElseThrow();
        assertEquals(new DigestAuthenticator.Verdict.Accepted("maskgate"),
                server.check(invite(List.of(answer.headers().get(0).value()))));
        assertEquals(1, answer.challenges().size());
        return answer;
    }
}
