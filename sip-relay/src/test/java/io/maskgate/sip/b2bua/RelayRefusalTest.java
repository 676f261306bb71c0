package io.maskgate.sip.b2bua;

import static io.maskgate.sip.b2bua.RelayFixture.CALLEE;
import static io.maskgate.sip.b2bua.RelayFixture.CALLER;
import static io.maskgate.sip.b2bua.RelayFixture.PROXY;
import static io.maskgate.sip.b2bua.RelayFixture.STRANGER;
import static io.maskgate.sip.b2bua.RelayFixture.awaitCalls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.session.Resolution;
import io.maskgate.core.session.Session;
import io.maskgate.core.session.SessionId;
import io.maskgate.core.session.SessionRequest;
import io.maskgate.core.session.SessionStore;
import io.maskgate.sip.carrier.Cidr;
import io.maskgate.sip.policy.EgressLeakGuard;
import io.maskgate.sip.policy.HeaderPolicy;
import io.maskgate.sip.policy.LeakPattern;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls that must never reach the callee side: no session (404), store down (503 + Retry-After),
 * a carrier outside the ACL (403), and a header policy that would leak (500, guard counter). The
 * callee trunk is a socket that must receive nothing (a bounded read that times out). Also: an
 * INVITE retransmitted over UDP still gives exactly one outbound INVITE.
 */
class RelayRefusalTest {

    private static final int QUIET_MS = 1500;

    @Test
    void noSessionIs404AndTheCalleeSideGetsNothing(@TempDir Path dir) {
        try (RelayFixture f = new RelayFixture(B2buaOptions.create());
                ScriptedUdp trunk = new ScriptedUdp(f.trunkPort, QUIET_MS)) {
            Sipp caller = Sipp.uac(dir, "uac-refused.xml", f.udpPort(), PROXY.e164(), STRANGER.e164());
            caller.assertPassed();
            awaitCalls(f, CallOutcome.REFUSED_NO_SESSION);
            assertEquals(Optional.empty(), trunk.receive(), "the callee trunk received a message");
            assertTrue(caller.messageLogText().contains("SIP/2.0 404 Not Found"));
        }
    }

    @Test
    void storeDownIs503WithRetryAfterAndTheCalleeSideGetsNothing() {
        try (RelayFixture f = new RelayFixture(B2buaOptions.create(), new UnavailableStore());
                ScriptedUdp trunk = new ScriptedUdp(f.trunkPort, QUIET_MS);
                ScriptedUdp carrier = new ScriptedUdp(0, 5000)) {
            carrier.send(ScriptedUdp.invite(carrier.port(), f.udpPort(), "store-down-1", "z9hG4bK-sd1", PROXY.e164(),
                    CALLER.e164()), f.udpPort());
            String answer = carrier.receiveStarting("SIP/2.0 5").orElseThrow();
            assertEquals(503, ScriptedUdp.status(answer));
            assertTrue(answer.contains("Retry-After: 10"), answer);
            awaitCalls(f, CallOutcome.REFUSED_STORE_UNAVAILABLE);
            assertEquals(Optional.empty(), trunk.receive());
        }
    }

    @Test
    void carrierOutsideTheAclGets403() {
        B2buaOptions options = B2buaOptions.builder().trustedCarriers(List.of(Cidr.parse("10.0.0.0/8"))).build();
        try (RelayFixture f = new RelayFixture(options);
                ScriptedUdp trunk = new ScriptedUdp(f.trunkPort, QUIET_MS);
                ScriptedUdp carrier = new ScriptedUdp(0, 5000)) {
            carrier.send(ScriptedUdp.invite(carrier.port(), f.udpPort(), "acl-1", "z9hG4bK-acl1", PROXY.e164(),
                    CALLER.e164()), f.udpPort());
            assertEquals(403, ScriptedUdp.status(carrier.receiveStarting("SIP/2.0 4").orElseThrow()));
            awaitCalls(f, CallOutcome.REFUSED_ACL);
            assertEquals(Optional.empty(), trunk.receive());
        }
    }

    @Test
    void aPolicyThatLetsPaiThroughIsStoppedByTheGuardWith500() {
        Set<String> wrong = new HashSet<>(HeaderPolicy.DEFAULT_REQUEST_HEADERS);
        wrong.add("P-Asserted-Identity");
        B2buaOptions options = B2buaOptions.builder()
                .headerPolicy(HeaderPolicy.builder().requestHeaders(wrong).build()).build();
        try (RelayFixture f = new RelayFixture(options);
                ScriptedUdp trunk = new ScriptedUdp(f.trunkPort, QUIET_MS);
                ScriptedUdp carrier = new ScriptedUdp(0, 5000)) {
            carrier.send(ScriptedUdp.invite(carrier.port(), f.udpPort(), "leak-1", "z9hG4bK-lk1", PROXY.e164(),
                    CALLER.e164()), f.udpPort());
            assertEquals(500, ScriptedUdp.status(carrier.receiveStarting("SIP/2.0 5").orElseThrow()));
            awaitCalls(f, CallOutcome.FAILED_LEAK_BLOCKED);
            assertEquals(1.0, f.registry.get(EgressLeakGuard.LEAK_BLOCKED).tag(EgressLeakGuard.TAG_LEG, "outbound")
                    .counter().count());
            assertEquals(Optional.empty(), trunk.receive(), "the leaking INVITE left");
        }
    }

    @Test
    void retransmittedInviteGivesExactlyOneOutboundInvite() {
        try (RelayFixture f = new RelayFixture(B2buaOptions.create());
                ScriptedUdp trunk = new ScriptedUdp(f.trunkPort, QUIET_MS);
                ScriptedUdp carrier = new ScriptedUdp(0, 5000)) {
            String invite = ScriptedUdp.invite(carrier.port(), f.udpPort(), "rtx-1", "z9hG4bK-rtx1", PROXY.e164(),
                    CALLER.e164());
            for (int i = 0; i < 3; i++) {
                carrier.send(invite, f.udpPort()); // what a UDP carrier does when our 100 is lost
            }
            String out = trunk.receiveStarting("INVITE").orElseThrow();
            assertFalse(LeakPattern.of(CALLER, "91").foundIn(out.getBytes(StandardCharsets.ISO_8859_1)), out);
            assertTrue(out.startsWith("INVITE sip:" + CALLEE.e164() + "@"), out);
            assertTrue(out.contains("From: <sip:" + PROXY.e164() + "@"), out);
            carrier.send(invite, f.udpPort());
            int port = Integer.parseInt(out.replaceAll("(?s).*Via: SIP/2.0/UDP 127.0.0.1:(\\d+).*", "$1"));
            trunk.send(ScriptedUdp.response(out, 486, "Busy Here", "callee-1"), port);
            String busy = carrier.receiveStarting("SIP/2.0 486").orElseThrow(() -> new AssertionError("no 486 relayed"));
            assertEquals(486, ScriptedUdp.status(busy));
            // only the ACK for the 486 may follow: never a second INVITE
            Optional<String> next = trunk.receive();
            while (next.isPresent()) {
                assertTrue(next.get().startsWith("ACK "), next.get());
                next = trunk.receive();
            }
            awaitCalls(f, CallOutcome.FAILED_BUSY);
        }
    }

    /** A store that is down: resolve answers Unavailable, as the Redis store does when Redis is stopped. */
    private static final class UnavailableStore implements SessionStore {
        @Override
        public CompletableFuture<Session> create(SessionRequest request) {
            return CompletableFuture.failedFuture(new IllegalStateException("down"));
        }

        @Override
        public CompletableFuture<Resolution> resolve(PhoneNumber proxyNumber, PhoneNumber caller) {
            return CompletableFuture.completedFuture(new Resolution.Unavailable("store down"));
        }

        @Override
        public CompletableFuture<Optional<Session>> find(SessionId id) {
            return CompletableFuture.completedFuture(Optional.empty());
        }

        @Override
        public CompletableFuture<Optional<Session>> close(SessionId id, io.maskgate.core.session.CloseReason reason) {
            return CompletableFuture.failedFuture(new IllegalStateException("down"));
        }

        @Override
        public CompletableFuture<Boolean> touch(PhoneNumber proxyNumber, PhoneNumber caller, Resolution.Routable r) {
            return CompletableFuture.failedFuture(new IllegalStateException("down"));
        }

        @Override
        public CompletableFuture<Boolean> delete(SessionId id) {
            return CompletableFuture.completedFuture(false);
        }

        @Override
        public CompletableFuture<Boolean> ping() {
            return CompletableFuture.completedFuture(false);
        }

        @Override
        public CompletableFuture<RewrapReport> rewrap() {
            return CompletableFuture.failedFuture(new IllegalStateException("down"));
        }

        @Override
        public void close() {
        }
    }
}
