package io.maskgate.bench.smpp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
            "receipts", "yes", "setups", "both");

    private SmppLoad() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        int messages = Integer.parseInt(opts.get("messages"));
        int window = Integer.parseInt(opts.get("window"));
        int maxSeconds = Integer.parseInt(opts.get("max-seconds"));
        int rounds = Integer.parseInt(opts.get("rounds"));
        int warmup = Integer.parseInt(opts.get("warmup"));
        boolean receipts = opts.get("receipts").equals("yes");
        // "direct" or "relay" alone is for profiling one side; the comparison needs "both".
        boolean runDirect = !opts.get("setups").equals("relay");
        boolean runRelay = !opts.get("setups").equals("direct");
        System.out.printf("SmppLoad %s; cores %d; %s%n", opts, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        List<LoadResult> direct = new ArrayList<>();
        List<LoadResult> relayed = new ArrayList<>();
        try (BenchSmsc smsc = new BenchSmsc(4, 2 * window + 16);
                RelayUnderTest relay = new RelayUnderTest(smsc.port(), Integer.parseInt(opts.get("sessions")),
                        window, Integer.parseInt(opts.get("upstream-binds")))) {
            LoadClient toSmsc = new LoadClient(smsc.port(), "esme", "pw", relay.routes(), receipts);
            LoadClient toRelay = new LoadClient(relay.port(), RelayUnderTest.SYSTEM_ID, RelayUnderTest.PASSWORD,
                    relay.routes(), receipts);
            if (warmup > 0 && runDirect) {
                System.out.println("warm-up: " + toSmsc.run("direct", warmup, window, maxSeconds).line());
            }
            if (warmup > 0 && runRelay) {
                System.out.println("warm-up: " + toRelay.run("relay", warmup, window, maxSeconds).line());
            }
            for (int round = 1; round <= rounds; round++) {
                if (runDirect) {
                    direct.add(toSmsc.run("direct", messages, window, maxSeconds));
                    System.out.println("round " + round + ": " + direct.get(round - 1).line());
                }
                if (runRelay) {
                    relayed.add(toRelay.run("relay", messages, window, maxSeconds));
                    System.out.println("round " + round + ": " + relayed.get(round - 1).line());
                }
            }
        }
        if (runDirect && runRelay) {
            summarise(direct, relayed);
        }
        long errors = direct.stream().mapToLong(LoadResult::errors).sum()
                + relayed.stream().mapToLong(LoadResult::errors).sum();
        if (errors > 0) {
            System.out.println("FAILED: " + errors + " submits not answered ESME_ROK");
            System.exit(1);
        }
        System.exit(0);
    }

    private static void summarise(List<LoadResult> direct, List<LoadResult> relayed) {
        double dRate = median(direct, LoadResult::perSecond);
        double rRate = median(relayed, LoadResult::perSecond);
        double dMedian = median(direct, LoadResult::medianMillis);
        double rMedian = median(relayed, LoadResult::medianMillis);
        double dP99 = median(direct, LoadResult::p99Millis);
        double rP99 = median(relayed, LoadResult::p99Millis);
        System.out.printf("%nmedians over %d rounds:%n", direct.size());
        System.out.printf("  direct %8.0f submit_sm/s  median %6.2f ms  p99 %6.2f ms%n", dRate, dMedian, dP99);
        System.out.printf("  relay  %8.0f submit_sm/s  median %6.2f ms  p99 %6.2f ms%n", rRate, rMedian, rP99);
        System.out.printf("  relay/direct rate %.0f%%; added latency: median %+.2f ms, p99 %+.2f ms%n",
                100 * rRate / dRate, rMedian - dMedian, rP99 - dP99);
        System.out.printf("  targets: >= 5000/s relayed %s, >= 60%% of direct %s, p99 added < 10 ms %s%n",
                verdict(rRate >= 5000), verdict(rRate >= 0.6 * dRate), verdict(rP99 - dP99 < 10));
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
