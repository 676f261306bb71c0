package io.maskgate.sip.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.core.number.PhoneNumber;
import io.maskgate.sip.codec.SipComposer;
import io.maskgate.sip.codec.SipHeader;
import io.maskgate.sip.codec.SipMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HeaderPolicyTest {

    private static final PhoneNumber CALLER = PhoneNumber.ofE164("+919812345678");
    private static final PhoneNumber CALLEE = PhoneNumber.ofE164("+917766554433");

    private final SipMessage invite = SipFixtures.load("invite-with-pai-and-diversion.txt");
    private final SipMessage ringing = SipFixtures.load("ringing-with-pai-and-server.txt");

    @Test
    void requestKeepsOnlyAllowListedHeadersWithStructuredValues() {
        List<SipHeader> copied = HeaderPolicy.create().forRequest(invite);
        Set<String> names = copied.stream().map(h -> h.name().toLowerCase()).collect(Collectors.toSet());
        assertEquals(Set.of("supported", "require", "session-expires", "min-se", "allow", "accept", "privacy",
                "content-type"), names);
        assertEquals(List.of("100rel", "timer"), values(copied, "supported"));
        assertEquals(List.of("timer"), values(copied, "require"));
        assertEquals(List.of("1800;refresher=uac"), values(copied, "session-expires"));
        String all = copied.stream().map(h -> h.name() + ": " + h.value()).collect(Collectors.joining("\r\n"));
        assertFalse(LeakPattern.of(CALLER, "91").foundIn(all.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void responseDropsIdentityServerWarningAndRetryAfterComment() {
        List<SipHeader> copied = HeaderPolicy.create().forResponse(ringing);
        Set<String> names = copied.stream().map(h -> h.name().toLowerCase()).collect(Collectors.toSet());
        assertEquals(Set.of("require", "rseq", "allow", "retry-after"), names);
        assertEquals(List.of("30"), values(copied, "retry-after"));
        assertEquals(List.of("1"), values(copied, "rseq"));
    }

    @Test
    void outboundInviteBuiltWithThePolicyPassesTheGuard() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EgressLeakGuard guard = new EgressLeakGuard(registry);
        SipMessage out = outboundInvite(HeaderPolicy.create());
        assertTrue(guard.mayLeave(out, Leg.OUTBOUND, LeakPattern.of(CALLER, "91")));
        assertEquals(0.0, registry.get(EgressLeakGuard.LEAK_BLOCKED).tag(EgressLeakGuard.TAG_LEG, "outbound")
                .counter().count());
    }

    @Test
    void aPolicyThatLetsPAssertedIdentityThroughIsBlockedByTheGuard() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EgressLeakGuard guard = new EgressLeakGuard(registry);
        Set<String> wrong = new java.util.HashSet<>(HeaderPolicy.DEFAULT_REQUEST_HEADERS);
        wrong.add("P-Asserted-Identity");
        SipMessage out = outboundInvite(HeaderPolicy.builder().requestHeaders(wrong).build());
        assertTrue(out.header("P-Asserted-Identity").isPresent(), "the wrong policy copies PAI");
        assertFalse(guard.mayLeave(out, Leg.OUTBOUND, LeakPattern.of(CALLER, "91")));
        assertEquals(1.0, registry.get(EgressLeakGuard.LEAK_BLOCKED).tag(EgressLeakGuard.TAG_LEG, "outbound")
                .counter().count());
    }

    @Test
    void theInboundRequestItselfWouldBeBlockedOnTheOutboundLeg() {
        EgressLeakGuard guard = new EgressLeakGuard(new SimpleMeterRegistry());
        assertFalse(guard.mayLeave(invite, Leg.OUTBOUND, LeakPattern.of(CALLER, "91")));
        assertFalse(guard.mayLeave(ringing, Leg.INBOUND, LeakPattern.of(CALLEE, "91")));
    }

    @Test
    void toStringNamesNoHeaderValue() {
        assertFalse(HeaderPolicy.create().toString().matches(".*\\d{6,}.*"));
    }

    /** The B2BUA's shape of an outbound INVITE: rebuilt headers plus what the policy copies. */
    private SipMessage outboundInvite(HeaderPolicy policy) {
        List<SipHeader> h = new ArrayList<>();
        h.add(new SipHeader("Via", "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-out-1;rport"));
        h.add(new SipHeader("Max-Forwards", "68"));
        h.add(new SipHeader("From", "<sip:+918800001111@127.0.0.1>;tag=gw-1"));
        h.add(new SipHeader("To", "<sip:+917766554433@trunk.test>"));
        h.add(new SipHeader("Call-ID", "gw-call-1@127.0.0.1"));
        h.add(new SipHeader("CSeq", "1 INVITE"));
        h.add(new SipHeader("Contact", "<sip:gw@127.0.0.1:5060>"));
        h.addAll(policy.forRequest(invite));
        return SipComposer.request("INVITE", "sip:+917766554433@trunk.test", h, invite.body());
    }

    private static List<String> values(List<SipHeader> headers, String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(SipHeader::value).toList();
    }
}
