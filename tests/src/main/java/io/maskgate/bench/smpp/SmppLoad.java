package io.maskgate.bench.smpp;

import io.maskgate.bench.consent.BenchConsent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * SMPP relay benchmark (issue 4): an ESME load client keeping {@code window} submit_sm
 * outstanding, in two setups in the same process and run, alternating:
 * <ol>
 *   <li>direct: client -> {@link BenchSmsc} (the baseline: what client and SMSC alone can do);</li>
 *   <li>relay: client -> in-process {@code SmppRelay} (Router + RedisSessionStore on a real
 *       redis-server + AllowAllConsent, sealed message-id map) -> the same {@link BenchSmsc}.</li>
 * </ol>
 * {@code --setups} picks and orders the setups: a comma list of {@code direct}, {@code relay}
 * (allow-all consent), {@code static} and {@code http} (the consent gates of {@code BenchConsent},
 * for the issue 5 comparison: {@code --setups static,http}); each relay setup has its own redis-server.
 * Every submit routes (one of {@code sessions} pre-created sessions, round-robin) and asks for a
 * delivery receipt unless {@code --receipts no}, so the relay also writes its message-id map.
 * Each setup is first warmed up with {@code --warmup} messages (the JIT is still compiling long
 * after startup on 2 cores). Prints each run (with the CPU time of the process and its
 * redis-server per message), the medians over the rounds, the relay/direct rate ratio and the
 * added latency. Exits 1 when any submit was not answered ESME_ROK.
 *
 * <pre>
 * java -cp tests/target/benchmarks.jar io.maskgate.bench.smpp.SmppLoad \
 *     --messages 50000 --window 100 --max-seconds 60 --rounds 3
 * </pre>
 */
public final class SmppLoad {
    private static final Map<String, String> DEFAULTS = Map.of("messages", "50000", "window", "100",
            "max-seconds", "60", "rounds", "3", "sessions", "1000", "warmup", "80000", "upstream-binds", "1",
            "receipts", "yes", "setups", "direct,relay");

    private SmppLoad() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        int messages = Integer.parseInt(opts.get("messages"));
        int window = Integer.parseInt(opts.get("window"));
        int maxSeconds = Integer.parseInt(opts.get("max-seconds"));
        int rounds = Integer.parseInt(opts.get("rounds"));
        int warmup = Integer.parseInt(opts.get("warmup"));
        boolean receipts = opts.get("receipts").equals("yes");
        List<String> setups = setups(opts.get("setups"));
        System.out.printf("SmppLoad %s; cores %d; %s%n", opts, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        Map<String, List<LoadResult>> results = new LinkedHashMap<>();
        List<AutoCloseable> started = new ArrayList<>();
        try {
            BenchSmsc smsc = new BenchSmsc(4, 2 * window + 16);
            started.add(smsc);
            Map<String, LoadClient> clients = new LinkedHashMap<>();
            Map<String, RelayUnderTest> relays = new LinkedHashMap<>();
            for (String setup : setups) {
                if (setup.equals("direct")) {
                    continue;
                }
                RelayUnderTest relay = new RelayUnderTest(smsc.port(), Integer.parseInt(opts.get("sessions")),
                        window, Integer.parseInt(opts.get("upstream-binds")), consentMode(setup));
                started.add(relay);
                relays.put(setup, relay);
                clients.put(setup, new LoadClient(relay.port(), RelayUnderTest.SYSTEM_ID, RelayUnderTest.PASSWORD,
                        relay.routes(), receipts));
            }
            if (setups.contains("direct")) {
                // Any relay's routes will do: the stand-in SMSC accepts every address.
                List<String[]> routes = relays.isEmpty() ? List.<String[]>of(new String[] {"919800000000", "918000000000"})
                        : relays.values().iterator().next().routes();
                clients.put("direct", new LoadClient(smsc.port(), "esme", "pw", routes, receipts));
            }
            for (String setup : setups) {
                results.put(setup, new ArrayList<>());
                if (warmup > 0) {
                    System.out.println("warm-up: " + clients.get(setup).run(setup, warmup, window, maxSeconds).line());
                }
            }
            for (int round = 1; round <= rounds; round++) {
                for (String setup : setups) {
                    LoadResult result = clients.get(setup).run(setup, messages, window, maxSeconds);
                    results.get(setup).add(result);
                    System.out.println("round " + round + ": " + result.line());
                }
            }
            relays.forEach((setup, relay) -> {
                if (relay.consentPlatformRequests() > 0) {
                    System.out.printf("%s: the consent platform stand-in answered %d requests (the rest were cache hits)%n",
                            setup, relay.consentPlatformRequests());
                }
            });
        } finally {
            // Last started, first closed: the relays before the stand-in SMSC, so that no relay
            // sees its upstream bind dropped while it shuts down.
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
        }
        summarise(results);
        long errors = results.values().stream().flatMap(List::stream).mapToLong(LoadResult::errors).sum();
        if (errors > 0) {
            System.out.println("FAILED: " + errors + " submits not answered ESME_ROK");
            System.exit(1);
        }
        System.exit(0);
    }

    /** "both" is the historical spelling of direct,relay. */
    private static List<String> setups(String spec) {
        List<String> setups = List.of((spec.equals("both") ? "direct,relay" : spec).split(","));
        for (String setup : setups) {
            if (!List.of("direct", "relay", "static", "http", "http_strict").contains(setup)) {
                System.err.println("--setups takes a comma list of direct, relay (allow-all consent), static, http, http_strict");
                System.exit(2);
            }
        }
        return setups;
    }

    private static BenchConsent.Mode consentMode(String setup) {
        return switch (setup) {
            case "static" -> BenchConsent.Mode.STATIC;
            case "http" -> BenchConsent.Mode.HTTP;
            case "http_strict" -> BenchConsent.Mode.HTTP_STRICT;
            default -> BenchConsent.Mode.ALLOW;
        };
    }

    private static void summarise(Map<String, List<LoadResult>> results) {
        System.out.printf("%nmedians over the rounds:%n");
        for (Map.Entry<String, List<LoadResult>> e : results.entrySet()) {
            System.out.printf("  %-7s %8.0f submit_sm/s  median %6.2f ms  p99 %6.2f ms%n", e.getKey(),
                    median(e.getValue(), LoadResult::perSecond), median(e.getValue(), LoadResult::medianMillis),
                    median(e.getValue(), LoadResult::p99Millis));
        }
        List<LoadResult> direct = results.get("direct");
        for (String relayed : List.of("relay", "static", "http", "http_strict")) {
            if (direct == null || !results.containsKey(relayed)) {
                continue;
            }
            List<LoadResult> r = results.get(relayed);
            double dRate = median(direct, LoadResult::perSecond);
            double rRate = median(r, LoadResult::perSecond);
            double addedP99 = median(r, LoadResult::p99Millis) - median(direct, LoadResult::p99Millis);
            System.out.printf("  %s/direct rate %.0f%%; added latency: median %+.2f ms, p99 %+.2f ms%n", relayed,
                    100 * rRate / dRate, median(r, LoadResult::medianMillis) - median(direct, LoadResult::medianMillis),
                    addedP99);
            System.out.printf("  targets (%s): >= 5000/s relayed %s, >= 60%% of direct %s, p99 added < 10 ms %s%n",
                    relayed, verdict(rRate >= 5000), verdict(rRate >= 0.6 * dRate), verdict(addedP99 < 10));
        }
        for (String http : List.of("http", "http_strict")) {
            if (results.containsKey("static") && results.containsKey(http)) {
                double ratio = median(results.get(http), LoadResult::perSecond)
                        / median(results.get("static"), LoadResult::perSecond);
                System.out.printf("  %s consent (cache hits) / static consent rate %.0f%%: loss <= 10%% %s%n",
                        http, 100 * ratio, verdict(ratio >= 0.9));
            }
        }
    }

    private static String verdict(boolean met) {
        return met ? "MET" : "NOT MET";
    }

    private static double median(List<LoadResult> results, ToDoubleFunction<LoadResult> metric) {
        double[] values = results.stream().mapToDouble(metric).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new HashMap<>(DEFAULTS);
        for (int i = 0; i < args.length; i += 2) {
            String key = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!DEFAULTS.containsKey(key) || i + 1 >= args.length) {
                System.err.println("usage: SmppLoad " + Arrays.toString(DEFAULTS.keySet().stream()
                        .map(k -> "--" + k + " " + DEFAULTS.get(k)).toArray()));
                System.exit(2);
            }
            opts.put(key, args[i + 1]);
        }
        return opts;
    }
}
