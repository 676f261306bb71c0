package io.maskgate.bench.sip;

import io.maskgate.bench.consent.BenchConsent;
import io.maskgate.core.number.NumberNormalizer;
import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.pool.NumberPool;
import io.maskgate.core.pool.NumberPools;
import io.maskgate.core.routing.Router;
import io.maskgate.core.session.Participant;
import io.maskgate.core.session.Session;
import io.maskgate.core.session.SessionRequest;
import io.maskgate.core.session.redis.LoopConnections;
import io.maskgate.core.session.redis.RedisConnector;
import io.maskgate.core.session.redis.RedisSessionStore;
import io.maskgate.core.session.redis.RedisStoreOptions;
import io.maskgate.keystore.KeyRing;
import io.maskgate.sip.auth.DigestAccount;
import io.maskgate.sip.auth.DigestAlgorithm;
import io.maskgate.sip.auth.SipDigestAuthOptions;
import io.maskgate.sip.auth.SipDigestUser;
import io.maskgate.sip.b2bua.B2buaOptions;
import io.maskgate.sip.b2bua.SipRelay;
import io.maskgate.sip.transport.ReceiveBacklogOptions;
import io.maskgate.sip.transport.SipTransportOptions;
import io.maskgate.sip.trunk.TrunkHealthOptions;
import io.maskgate.sip.trunk.TrunkOptions;
import io.maskgate.testing.RedisServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The SIP relay as the gateway wires it, in process, for the sipp benchmark (BENCHMARKS.md):
 * a real redis-server on a free port of 127.0.0.1, the encrypted {@link RedisSessionStore}, the
 * {@link Router} with the consent gate {@code --consent} names ({@code allow} by default; {@code static}
 * or {@code http}, see {@link BenchConsent}), and {@link SipRelay} on UDP 127.0.0.1:{@code port}
 * with one trunk, the sipp uas at 127.0.0.1:{@code trunk-port}. As in the gateway, the SIP loops ask
 * Redis on connections of their own ({@code --loop-redis false}: through the shared one only).
 * {@code --udp-receive-buffer BYTES} sets the SIP sockets' SO_RCVBUF (default as the gateway's: 4 MiB;
 * the kernel caps it at {@code net.core.rmem_max}).
 *
 * <p>It creates {@code sessions} sessions, one per proxy number from a pool, each binding its own
 * caller (participant a) and callee (participant b), and writes them to {@code csv} in sipp's
 * {@code -inf} format ({@code SEQUENTIAL}, one line per session: {@code proxy;caller}), so that
 * every call of the sipp uac routes.
 *
 * <p>A CLI: prints {@code READY port=...} when it listens, then reads commands on stdin:
 * {@code heap} runs a full GC and prints heap used and calls in progress; {@code lag} prints the
 * SIP loops' lag histogram so far ({@code maskgate_sip_loop_lag_seconds}, cumulative per bucket) and
 * the gateway's share of call setup ({@code maskgate_sip_call_setup_in_gateway_seconds}, likewise);
 * {@code quit} (or end of input) stops it.
 *
 * <pre>
 * java -Xmx1g -cp tests/target/benchmarks.jar io.maskgate.bench.sip.SipBenchServer \
 *     --port 5070 --trunk-port 5080 --sessions 2000 --csv /tmp/sipbench/calls.csv
 * </pre>
 */
public final class SipBenchServer {

    private SipBenchServer() {
    }

    public static void main(String[] args) throws IOException {
        Args a = Args.parse(args);
        KeyRing keys = KeyRing.forTesting(new SecureRandom());
        SimpleMeterRegistry registry = cumulativeHistograms(new SimpleMeterRegistry());
        try (RedisServer redis = RedisServer.startNew();
                RedisConnector connector = connector(storeOptions(redis));
                RedisSessionStore store = store(connector, storeOptions(redis), a.sessions, keys);
                BenchConsent consent = BenchConsent.create(a.consent, connector, keys, registry)) {
            awaitReady(store);
            writeCsv(createSessions(store, a.sessions), a.csv);
            NumberNormalizer normalizer = new NumberNormalizer("91");
            Router router = new Router(normalizer, store, consent.gate(), registry);
            try (SipRelay relay = SipRelay.builder(router, normalizer, registry)
                    .transport(SipTransportOptions.builder()
                            .udpBindAddresses(List.of(new InetSocketAddress("127.0.0.1", a.port)))
                            .tcpBindAddresses(List.of())
                            .udpReceiveBufferBytes(a.udpReceiveBuffer)
                            .parserWarmUpCalls(a.warmParse)
                            .receiveBacklog(a.backlog)
                            .ioThreads(a.ioThreads)
                            .build())
                    .b2bua(B2buaOptions.builder().digestAuth(a.digestAuth).build())
                    .trunks(List.of(trunk(a)))
                    .trunkHealth(TrunkHealthOptions.builder().pingInterval(Duration.ZERO).build())
                    .start();
                    LoopConnections loopConnections = a.loopRedis
                            ? connector.openLoopConnections(relay.transport().eventLoops(),
                                    relay.transport().socketChannelClass())
                            : null) {
                System.out.println("READY port=" + relay.transport().udpLocalAddresses().get(0).getPort()
                        + " sessions=" + a.sessions + " csv=" + a.csv + " consent=" + a.consent);
                commands(relay, registry);
            }
        }
    }

    /** One connector, as the gateway has: the store and (with --loop-redis) the SIP loops' connections share it. */
    private static RedisConnector connector(RedisStoreOptions options) {
        RedisConnector connector = new RedisConnector(options);
        connector.start();
        return connector;
    }

    private static RedisStoreOptions storeOptions(RedisServer redis) {
        return RedisStoreOptions.builder().uri(redis.uri()).commandTimeout(Duration.ofSeconds(1)).build();
    }

    private static RedisSessionStore store(RedisConnector connector, RedisStoreOptions options, int sessions,
                                           KeyRing keys) {
        NumberPool pool = new NumberPool("bench", NumberPool.range(PhoneNumber.ofE164("+918000000000"),
                PhoneNumber.ofE164(String.format("+918%09d", sessions - 1))));
        return RedisSessionStore.create(options, connector, NumberPools.of(pool), keys, Clock.systemUTC(),
                new SimpleMeterRegistry());
    }

    /** The store connects in the background; wait, bounded, until it answers. */
    private static void awaitReady(RedisSessionStore store) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!store.ping().join()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("redis store not ready after 15 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /** One session per pool number, created 64 at a time; returns {proxy, caller} per session. */
    private static List<String[]> createSessions(RedisSessionStore store, int sessions) {
        List<String[]> rows = new ArrayList<>(sessions);
        List<CompletableFuture<Session>> batch = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            Participant a = new Participant("cust-" + i, PhoneNumber.ofE164(String.format("+9198%08d", i)));
            Participant b = new Participant("rider-" + i, PhoneNumber.ofE164(String.format("+9197%08d", i)));
            batch.add(store.create(new SessionRequest("delivery", Duration.ofHours(8), "order-" + i, "bench", a, b)));
            if (batch.size() == 64 || i == sessions - 1) {
                for (CompletableFuture<Session> f : batch) {
                    Session s = f.orTimeout(10, TimeUnit.SECONDS).join();
                    rows.add(new String[] {s.proxyNumber().e164(), s.a().number().e164()});
                }
                batch.clear();
            }
        }
        return rows;
    }

    private static void writeCsv(List<String[]> rows, Path csv) throws IOException {
        StringBuilder sb = new StringBuilder("SEQUENTIAL\n");
        for (String[] r : rows) {
            sb.append(r[0]).append(';').append(r[1]).append('\n');
        }
        if (csv.getParent() != null) {
            Files.createDirectories(csv.getParent());
        }
        Files.writeString(csv, sb.toString());
    }

    private static void commands(SipRelay relay, SimpleMeterRegistry registry) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            switch (line.strip()) {
                case "heap" -> System.out.println(heap(relay));
                case "calls" -> System.out.println("calls=" + relay.activeCalls());
                case "metrics" -> registry.getMeters().forEach(m -> m.measure().forEach(ms ->
                        System.out.println(m.getId().getName() + m.getId().getTags() + " " + ms)));
                case "lag" -> {
                    System.out.println(histogram(registry, io.maskgate.sip.transport.SipMetrics.LOOP_LAG, "lag"));
                    System.out.println(histogram(registry,
                            io.maskgate.sip.b2bua.CallMetrics.CALL_SETUP_IN_GATEWAY, "setup_in_gateway"));
                }
                case "parser-depth" -> System.out.println("parser_depth=" + jainSipNestingLevel());
                case "quit" -> {
                    return;
                }
                default -> System.out.println("commands: heap, calls, metrics, lag, parser-depth, quit");
            }
            System.out.flush();
        }
    }

    /** jain-sip's shared parser debug counter (see {@code io.maskgate.sip.codec.ParserDepthGuard}). */
    private static int jainSipNestingLevel() {
        try {
            java.lang.reflect.Field f = Class.forName("gov.nist.core.ParserCore").getDeclaredField("nesting_level");
            f.setAccessible(true);
            return f.getInt(null);
        } catch (ReflectiveOperationException e) {
            return Integer.MIN_VALUE;
        }
    }

    /**
     * Histogram buckets that only ever grow, so that two {@code lag} snapshots can be subtracted to
     * get one step's. By default a histogram keeps its buckets over a rotating window of a few
     * minutes, and a later snapshot can then hold less than an earlier one.
     */
    private static SimpleMeterRegistry cumulativeHistograms(SimpleMeterRegistry registry) {
        registry.config().meterFilter(new io.micrometer.core.instrument.config.MeterFilter() {
            @Override
            public io.micrometer.core.instrument.distribution.DistributionStatisticConfig configure(
                    io.micrometer.core.instrument.Meter.Id id,
                    io.micrometer.core.instrument.distribution.DistributionStatisticConfig config) {
                return io.micrometer.core.instrument.distribution.DistributionStatisticConfig.builder()
                        .expiry(Duration.ofDays(1)).bufferLength(1).build().merge(config);
            }
        });
        return registry;
    }

    /** A histogram so far: cumulative count per bucket bound in ms (diff two to get a step's). */
    private static String histogram(SimpleMeterRegistry registry, String name, String label) {
        io.micrometer.core.instrument.distribution.HistogramSnapshot s = registry.get(name).timer().takeSnapshot();
        StringBuilder out = new StringBuilder(label).append(" count=").append(s.count());
        for (io.micrometer.core.instrument.distribution.CountAtBucket b : s.histogramCounts()) {
            out.append(' ').append((long) b.bucket(java.util.concurrent.TimeUnit.MILLISECONDS)).append("ms=")
                    .append((long) b.count());
        }
        return out.toString();
    }

    /** Heap used after a full GC (System.gc() is a full, stop-the-world collection with G1's default settings). */
    private static String heap(SipRelay relay) {
        System.gc();
        System.gc();
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return "heap used=" + used + " calls=" + relay.activeCalls();
    }

    /**
     * The sipp uas as the one trunk; with {@code --trunk-account USER:PASSWORD} its challenges are
     * answered, and with {@code --trunk-auth-ahead true} also ahead on the next INVITEs.
     */
    private static TrunkOptions trunk(Args a) {
        TrunkOptions.Builder b = TrunkOptions.builder("sipp-uas", new InetSocketAddress("127.0.0.1", a.trunkPort));
        a.trunkAccount.ifPresent(b::account);
        return b.authAhead(a.trunkAuthAhead).build();
    }

    private record Args(int port, int trunkPort, int sessions, Path csv, int ioThreads, BenchConsent.Mode consent,
                        boolean loopRedis, int udpReceiveBuffer, int warmParse, ReceiveBacklogOptions backlog,
                        java.util.Optional<SipDigestAuthOptions> digestAuth, java.util.Optional<DigestAccount> trunkAccount,
                        boolean trunkAuthAhead) {
        static Args parse(String[] args) {
            int port = 5070;
            int trunkPort = 5080;
            int sessions = 2000;
            int ioThreads = Runtime.getRuntime().availableProcessors();
            Path csv = Path.of("calls.csv");
            BenchConsent.Mode consent = BenchConsent.Mode.ALLOW;
            boolean loopRedis = true;
            int udpReceiveBuffer = SipTransportOptions.DEFAULT_UDP_RECEIVE_BUFFER_BYTES;
            int warmParse = 0;
            ReceiveBacklogOptions backlog = ReceiveBacklogOptions.create();
            java.util.Optional<SipDigestAuthOptions> digestAuth = java.util.Optional.empty();
            java.util.Optional<DigestAccount> trunkAccount = java.util.Optional.empty();
            boolean trunkAuthAhead = false;
            for (int i = 0; i + 1 < args.length; i += 2) {
                String v = args[i + 1];
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(v);
                    case "--trunk-port" -> trunkPort = Integer.parseInt(v);
                    case "--sessions" -> sessions = Integer.parseInt(v);
                    case "--csv" -> csv = Path.of(v);
                    case "--io-threads" -> ioThreads = Integer.parseInt(v);
                    case "--loop-redis" -> loopRedis = Boolean.parseBoolean(v);
                    case "--udp-receive-buffer" -> udpReceiveBuffer = Integer.parseInt(v);
                    case "--warm-parse" -> warmParse = Integer.parseInt(v);
                    case "--backlog" -> backlog = backlog(v);
                    case "--digest-auth" -> digestAuth = java.util.Optional.of(digestAuth(v));
                    case "--trunk-account" -> trunkAccount = java.util.Optional.of(new DigestAccount(
                            v.substring(0, v.indexOf(':')), v.substring(v.indexOf(':') + 1)));
                    case "--trunk-auth-ahead" -> trunkAuthAhead = Boolean.parseBoolean(v);
                    case "--consent" -> consent = BenchConsent.Mode.valueOf(v.toUpperCase(java.util.Locale.ROOT));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (sessions < 1 || sessions > NumberPool.MAX_RANGE) {
                throw new IllegalArgumentException("--sessions must be 1.." + NumberPool.MAX_RANGE);
            }
            return new Args(port, trunkPort, sessions, csv, ioThreads, consent, loopRedis, udpReceiveBuffer, warmParse,
                    backlog, digestAuth, trunkAccount, trunkAuthAhead);
        }

        /** {@code USER:PASSWORD}: every new INVITE is challenged (sip.auth, MD5, realm maskgate) for this account. */
        private static SipDigestAuthOptions digestAuth(String v) {
            int colon = v.indexOf(':');
            return new SipDigestAuthOptions(SipDigestAuthOptions.DEFAULT_REALM, DigestAlgorithm.MD5,
                    SipDigestAuthOptions.DEFAULT_NONCE_TTL, List.of(SipDigestUser.of(v.substring(0, colon),
                            SipDigestAuthOptions.DEFAULT_REALM, v.substring(colon + 1))));
        }

        /** {@code HOLD,SHED[,AFTER_MS]}: sip.overload's percents and delay (0,0 = neither reaction). */
        private static ReceiveBacklogOptions backlog(String v) {
            String[] parts = v.split(",");
            Duration after = parts.length > 2 ? Duration.ofMillis(Long.parseLong(parts[2].trim()))
                    : ReceiveBacklogOptions.DEFAULT_SHED_AFTER;
            return new ReceiveBacklogOptions(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()), after,
                    ReceiveBacklogOptions.DEFAULT_SAMPLE_INTERVAL, false);
        }
    }
}
