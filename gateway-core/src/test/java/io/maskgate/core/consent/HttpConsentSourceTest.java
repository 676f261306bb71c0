package io.maskgate.core.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.core.routing.Channel;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpConsentSourceTest {

    private static final ConsentQuery QUERY = new ConsentQuery("cust-123", "delivery", Channel.VOICE);

    private final ConsentPlatformStub platform = new ConsentPlatformStub();

    @AfterEach
    void stop() {
        platform.close();
    }

    private HttpConsentSource source() {
        // Generous: the first request of a cold JVM on a busy 2-core box can take longer than 300 ms.
        return new HttpConsentSource(HttpSourceOptions.builder(platform.baseUri()).timeout(Duration.ofSeconds(3)).build());
    }

    @Test
    void postsTheContractBodyAndReadsAGrant() {
        SourceAnswer answer = source().ask(QUERY).join();

        assertEquals(SourceAnswer.granted("dec-g-1", Duration.ofSeconds(300)), answer);
        assertEquals("{\"subjectId\":\"cust-123\",\"purpose\":\"delivery\",\"channel\":\"voice\"}", platform.lastBody());
        assertEquals(null, platform.lastAuthorization());
    }

    @Test
    void readsADenial() {
        platform.mode(ConsentPlatformStub.Mode.DENIED);
        platform.ttlSeconds(0);

        assertEquals(SourceAnswer.denied("dec-d-1", Duration.ZERO), source().ask(QUERY).join());
    }

    @Test
    void sendsTheBearerTokenFromTheSupplierButNeverShowsIt() {
        HttpSourceOptions options = HttpSourceOptions.builder(platform.baseUri()).timeout(Duration.ofSeconds(3))
                .bearerToken(HttpConsentSource.fixedToken("s3cret-token")).build();
        new HttpConsentSource(options).ask(QUERY).join();

        assertEquals("Bearer s3cret-token", platform.lastAuthorization());
        assertFalse(options.toString().contains("s3cret"), options.toString());
    }

    @Test
    void non200IsAFailureNotADecision() {
        platform.mode(ConsentPlatformStub.Mode.ERROR_500);

        CompletionException e = assertThrows(CompletionException.class, () -> source().ask(QUERY).join());
        assertInstanceOf(ConsentSourceException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("500"), e.getCause().getMessage());
    }

    @Test
    void truncatedJsonIsAFailure() {
        platform.mode(ConsentPlatformStub.Mode.BAD_JSON);

        CompletionException e = assertThrows(CompletionException.class, () -> source().ask(QUERY).join());
        assertInstanceOf(ConsentSourceException.class, e.getCause());
    }

    @Test
    void slowPlatformFailsAfterTheTimeout() {
        platform.mode(ConsentPlatformStub.Mode.SLOW);
        HttpConsentSource source = new HttpConsentSource(HttpSourceOptions.builder(platform.baseUri())
                .timeout(Duration.ofMillis(200)).build());

        long start = System.nanoTime();
        CompletionException e = assertThrows(CompletionException.class, () -> source.ask(QUERY).join());
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertInstanceOf(ConsentSourceException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("within 200 ms"), e.getCause().getMessage());
        assertTrue(millis >= 190 && millis < 1_000, "failed after " + millis + " ms");
    }

    @Test
    void answersOutsideTheContractAreRefused() {
        for (String body : new String[] {
                "{\"decision\":\"maybe\",\"decisionId\":\"x\",\"cacheTtlSeconds\":1}",
                "{\"decision\":\"granted\",\"cacheTtlSeconds\":1}",
                "{\"decision\":\"granted\",\"decisionId\":\"x\",\"cacheTtlSeconds\":-1}",
                "{\"decision\":\"granted\",\"decisionId\":\"x\",\"cacheTtlSeconds\":1.5}",
                "{\"decision\":\"granted\",\"decisionId\":\"x\",\"cacheTtlSeconds\":1,\"decision\":\"denied\"}",
                "[]"}) {
            assertThrows(ConsentSourceException.class,
                    () -> HttpConsentSource.answer(new StubResponse(200, body)), body);
        }
        assertEquals(SourceAnswer.granted("a\"b", Duration.ofSeconds(7)), HttpConsentSource.answer(new StubResponse(200,
                " { \"decision\" : \"GRANTED\", \"decisionId\":\"a\\\"b\", \"cacheTtlSeconds\": 7, \"extra\": null } ")));
    }

    @Test
    void rejectsBaseUrisThatAreNotPlainHttp() {
        assertThrows(IllegalArgumentException.class, () -> HttpSourceOptions.builder(URI.create("ftp://x")));
        assertThrows(IllegalArgumentException.class, () -> HttpSourceOptions.builder(URI.create("http://x/?q=1")));
        assertThrows(IllegalArgumentException.class,
                () -> HttpSourceOptions.builder(URI.create("http://x")).timeout(Duration.ZERO));
        assertEquals(Optional.empty(), HttpSourceOptions.builder(URI.create("https://x")).build().bearerToken().get());
    }
}
