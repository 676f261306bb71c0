package io.maskgate.core.audit;

import static io.maskgate.core.audit.AuditFixtures.CUSTOMER;
import static io.maskgate.core.audit.AuditFixtures.PROXY;
import static io.maskgate.core.audit.AuditFixtures.RIDER;
import static io.maskgate.core.audit.AuditFixtures.forms;
import static io.maskgate.core.audit.AuditFixtures.lines;
import static io.maskgate.core.audit.AuditFixtures.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.routing.Channel;
import io.maskgate.core.routing.Decision;
import io.maskgate.core.session.SessionId;
import io.maskgate.keystore.KeyRing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDecisionLogTest {

    private static final KeyRing KEYS = KeyRing.forTesting(new SecureRandom());

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    private Path file() {
        return dir.resolve("decisions.log");
    }

    private FileDecisionLog open(FileDecisionLogOptions options) {
        return FileDecisionLog.open(file(), KEYS.auditKey(), options, registry);
    }

    private VerifyResult verify() {
        return new AuditVerifier(KEYS).verify(file(), AuditVerifier.Start.GENESIS);
    }

    @Test
    void thousandRecordsFromFourThreadsVerify() throws Exception {
        FileDecisionLog log = open(FileDecisionLogOptions.builder().node("gw-a").build());
        List<Future<Integer>> accepted = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            accepted.add(pool.submit(() -> {
                int ok = 0;
                for (int i = 0; i < 250; i++) {
                    ok += log.append(record(thread * 250 + i)) ? 1 : 0;
                }
                return ok;
            }));
        }
        for (Future<Integer> f : accepted) {
            assertEquals(250, f.get(30, TimeUnit.SECONDS));
        }
        log.close();

        VerifyResult result = verify();
        VerifyResult.Ok ok = assertInstanceOf(VerifyResult.Ok.class, result, result.toString());
        assertEquals(1000, ok.records());
        assertEquals(1, ok.firstSeq());
        assertEquals(1000, ok.lastSeq());
        assertEquals(1000, lines(file()).size());
        assertTrue(lines(file()).stream().allMatch(l -> l.contains("\tgw-a\t")));
        assertEquals(1000.0, registry.get(AuditMetrics.RECORDS).counter().count());
    }

    @Test
    void closeDrainsEveryAcceptedRecord() throws Exception {
        // No fsync until close, a small queue and two busy appenders: many records are still
        // queued when close() is called.
        FileDecisionLog log = open(FileDecisionLogOptions.builder().queueCapacity(512).fsyncEveryRecords(0)
                .fsyncInterval(Duration.ZERO).build());
        AtomicInteger accepted = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(2);
        List<Future<?>> appenders = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            appenders.add(pool.submit(() -> {
                started.countDown();
                for (int i = 0; i < 5_000; i++) {
                    if (log.append(record(i))) {
                        accepted.incrementAndGet();
                    }
                }
            }));
        }
        started.await(10, TimeUnit.SECONDS);
        log.close();
        for (Future<?> f : appenders) {
            f.get(30, TimeUnit.SECONDS);
        }

        assertEquals(accepted.get(), lines(file()).size());
        assertEquals(accepted.get(), ((VerifyResult.Ok) verify()).records());
        assertFalse(log.append(record(1)), "closed log refuses");
        assertFalse(log.isHealthy());
        assertEquals(1.0 + 10_000 - accepted.get(), registry.get(AuditMetrics.REJECTED).counter().count()
                + registry.get(AuditMetrics.QUEUE_FULL).counter().count());
    }

    @Test
    void fullQueueRefusesWithoutBlockingAndCounts() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        FileDecisionLog log = FileDecisionLog.open(file(), KEYS.auditKey(),
                FileDecisionLogOptions.builder().queueCapacity(10).build(), registry, release::await);

        List<Boolean> results = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            results.add(log.append(record(i)));
        }
        release.countDown();
        log.flush().get(10, TimeUnit.SECONDS);
        log.close();

        assertEquals(10, results.stream().filter(b -> b).count());
        assertTrue(results.subList(10, 15).stream().noneMatch(b -> b), results.toString());
        assertEquals(5.0, registry.get(AuditMetrics.QUEUE_FULL).counter().count());
        assertEquals(10, lines(file()).size());
    }

    @Test
    void flushWritesAndForcesEverythingAcceptedBefore() throws Exception {
        FileDecisionLog log = open(FileDecisionLogOptions.builder().fsyncEveryRecords(0)
                .fsyncInterval(Duration.ZERO).build());
        for (int i = 0; i < 10; i++) {
            log.append(record(i));
        }

        log.flush().get(10, TimeUnit.SECONDS);

        assertEquals(10, lines(file()).size());
        assertEquals(0, log.queuedRecords());
        assertTrue(log.isHealthy());
        log.close();
        log.close(); // idempotent
        log.flush().get(10, TimeUnit.SECONDS); // after close: everything was drained already
    }

    @Test
    void reopeningContinuesTheChain() throws Exception {
        try (FileDecisionLog log = open(FileDecisionLogOptions.create())) {
            for (int i = 0; i < 3; i++) {
                log.append(record(i));
            }
        }
        try (FileDecisionLog log = open(FileDecisionLogOptions.create())) {
            for (int i = 3; i < 5; i++) {
                log.append(record(i));
            }
        }

        VerifyResult.Ok ok = assertInstanceOf(VerifyResult.Ok.class, verify());
        assertEquals(5, ok.records());
        assertEquals(5, ok.lastSeq());
    }

    @Test
    void reopeningCutsATornLastLine() throws Exception {
        try (FileDecisionLog log = open(FileDecisionLogOptions.create())) {
            log.append(record(0));
            log.append(record(1));
        }
        String whole = Files.readString(file());
        String partial = whole.substring(whole.indexOf('\n') + 1, whole.length() - 10);
        Files.writeString(file(), whole.substring(0, whole.indexOf('\n') + 1) + partial);
        assertEquals(VerifyResult.Problem.TORN_LINE, ((VerifyResult.Broken) verify()).problem());

        try (FileDecisionLog log = open(FileDecisionLogOptions.create())) {
            log.append(record(2));
        }

        VerifyResult.Ok ok = assertInstanceOf(VerifyResult.Ok.class, verify());
        assertEquals(2, ok.records());
    }

    @Test
    void refusesToContinueALogWhoseLastLineIsGarbage() throws Exception {
        Files.writeString(file(), "not a record\n");

        AuditException e = assertThrows(AuditException.class, () -> open(FileDecisionLogOptions.create()));
        assertTrue(e.getMessage().contains("last line") && e.getMessage().contains(file().toString()), e.getMessage());
    }

    @Test
    void noPhoneNumberReachesTheFile() throws Exception {
        PhoneNumber leaked = PhoneNumber.ofE164("+919123456789");
        try (FileDecisionLog log = open(FileDecisionLogOptions.create())) {
            for (int i = 0; i < 20; i++) {
                log.append(record(i));
            }
            // An OMS that puts a number into a participant id and a purpose.
            log.append(DecisionRecord.of(AuditFixtures.T0, Channel.VOICE, new Decision.Route(CUSTOMER, PROXY,
                    new SessionId("s-x"), "call " + leaked.e164(), "rider-91234 56789", "cust-1", "cd-1")));
        }

        String content = Files.readString(file(), StandardCharsets.UTF_8);
        for (PhoneNumber n : List.of(CUSTOMER, RIDER, PROXY, leaked)) {
            for (String form : forms(n)) {
                assertFalse(content.contains(form), () -> "log contains " + form);
            }
        }
        assertTrue(content.contains("rider-***** *****"), content);
        assertEquals(1.0, registry.get(AuditMetrics.MASKED).counter().count());
        assertTrue(verify().ok());
    }

    @Test
    void writeFailureStopsTheLogAndSaysSo() throws Exception {
        // /dev/full accepts the open and fails every write with ENOSPC: a disk that filled up.
        FileDecisionLog log = FileDecisionLog.open(Path.of("/dev/full"), KEYS.auditKey(),
                FileDecisionLogOptions.create(), registry);
        assertTrue(log.append(record(0)));

        Exception e = assertThrows(Exception.class, () -> log.flush().get(10, TimeUnit.SECONDS));

        assertInstanceOf(AuditException.class, e.getCause());
        assertFalse(log.isHealthy());
        assertEquals(1.0, registry.get(AuditMetrics.WRITE_ERRORS).counter().count());
        assertEquals(0.0, registry.get(AuditMetrics.HEALTHY).gauge().value());
        assertFalse(log.append(record(1)), "a failed log refuses new records");
        assertEquals(1.0, registry.get(AuditMetrics.REJECTED).counter().count());
        log.close();
    }
}
