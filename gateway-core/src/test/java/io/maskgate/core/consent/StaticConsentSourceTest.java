package io.maskgate.core.consent;

import static io.maskgate.core.consent.SourceAnswer.Decision.DENIED;
import static io.maskgate.core.consent.SourceAnswer.Decision.GRANTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.maskgate.core.routing.Channel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StaticConsentSourceTest {

    private final StaticConsentSource source = new StaticConsentSource(List.of(
            new StaticRule("marketing", "*", "*", DENIED),
            new StaticRule("delivery", "sms", "vip-", DENIED),
            new StaticRule("delivery", "*", "*", GRANTED)),
            DENIED, Duration.ofSeconds(60));

    @Test
    void firstMatchingRuleWinsAndNamesItsIndex() {
        assertEquals(SourceAnswer.denied("static:1", Duration.ofSeconds(60)),
                source.decide(new ConsentQuery("vip-7", "delivery", Channel.SMS)));
        assertEquals(SourceAnswer.granted("static:2", Duration.ofSeconds(60)),
                source.decide(new ConsentQuery("vip-7", "delivery", Channel.VOICE)));
        assertEquals(SourceAnswer.granted("static:2", Duration.ofSeconds(60)),
                source.ask(new ConsentQuery("cust-1", "delivery", Channel.SMS)).join());
        assertEquals("static:0", source.decide(new ConsentQuery("cust-1", "marketing", Channel.VOICE)).decisionId());
    }

    @Test
    void noMatchFallsToTheDefault() {
        assertEquals(SourceAnswer.denied(StaticConsentSource.DEFAULT_DECISION_ID, Duration.ofSeconds(60)),
                source.decide(new ConsentQuery("cust-1", "support", Channel.VOICE)));
    }

    @Test
    void rulesAreCheckedWhenBuilt() {
        assertThrows(IllegalArgumentException.class, () -> new StaticRule("delivery", "fax", "*", GRANTED));
        assertThrows(IllegalArgumentException.class, () -> new StaticRule("", "*", "*", GRANTED));
        assertEquals("sms", new StaticRule("delivery", "SMS", "*", GRANTED).channel());
    }

    @Test
    void uncachedGateTurnsAFailingSourceIntoUnavailable() {
        UncachedConsentGate broken = new UncachedConsentGate(q -> { throw new IllegalStateException("bug"); },
                Duration.ofMillis(100));
        assertEquals(io.maskgate.core.routing.ConsentVerdict.unavailable(),
                broken.check("cust-1", "delivery", Channel.VOICE).join());
        assertEquals(io.maskgate.core.routing.ConsentVerdict.denied("static:0"),
                new UncachedConsentGate(source, Duration.ofMillis(100)).check("c", "marketing", Channel.SMS).join());
    }
}
