package io.maskgate.core.audit;

import io.maskgate.keystore.KeyRing;
import io.maskgate.keystore.KeystoreException;
import io.maskgate.keystore.PasswordSource;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Command line for the decision log: check a log or an evidence file, cut evidence out of a log.
 * Prints line and seq numbers, never record contents.
 *
 * <pre>
 * audit-tool verify --log F --keys K (--password-env V | --password-file P) [--evidence]
 * audit-tool export --log F --keys K (--password-env V | --password-file P) --from X --to Y --out O
 * </pre>
 * {@code X} and {@code Y} are both seq numbers or both ISO-8601 instants. Exit codes:
 * {@value #EXIT_OK} verified / exported, {@value #EXIT_BROKEN} the chain is broken (the first bad
 * line is printed), {@value #EXIT_USAGE} bad command line, {@value #EXIT_FAILED} could not run
 * (unreadable file, wrong password, missing key).
 */
public final class AuditTool {

    static final int EXIT_OK = 0;
    static final int EXIT_BROKEN = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_FAILED = 3;

    private static final String USAGE = String.join(System.lineSeparator(),
            "usage: audit-tool verify --log F --keys K (--password-env V | --password-file P) [--evidence]",
            "       audit-tool export --log F --keys K (--password-env V | --password-file P) --from X --to Y --out O",
            "",
            "  verify     walk the chain; print OK with the record count and last tag, or the first bad line",
            "  export     copy records from X to Y (both seq numbers, or both ISO-8601 instants) into O,",
            "             with the anchor needed to verify them alone (verify O with --evidence)",
            "  --keys K   the MaskGate key file holding the audit keys",
            "",
            "exit codes: 0 ok, 1 chain broken, 2 bad command line, 3 could not run");

    private static final Set<String> FLAGS = Set.of("--evidence");
    private static final Set<String> OPTIONS = Set.of("--log", "--keys", "--password-env", "--password-file",
            "--from", "--to", "--out");

    private AuditTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    /** The whole tool, with its streams and environment injected so tests can drive it. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            out.println(USAGE);
            return EXIT_OK;
        }
        Map<String, String> opts = new HashMap<>();
        Optional<String> problem = parse(args, opts);
        if (problem.isPresent()) {
            err.println(problem.get());
            err.println(USAGE);
            return EXIT_USAGE;
        }
        try {
            KeyRing keys = KeyRing.load(Path.of(opts.get("--keys")), password(opts, env));
            return "verify".equals(args[0]) ? verify(opts, keys, out, err) : export(opts, keys, out, err);
        } catch (KeystoreException | AuditException e) {
            err.println("error: " + e.getMessage());
            return EXIT_FAILED;
        }
    }

    private static int verify(Map<String, String> opts, KeyRing keys, PrintStream out, PrintStream err) {
        Path log = Path.of(opts.get("--log"));
        AuditVerifier.Start start = opts.containsKey("--evidence") ? AuditVerifier.Start.ANCHOR : AuditVerifier.Start.GENESIS;
        VerifyResult result = new AuditVerifier(keys).verify(log, start);
        if (result instanceof VerifyResult.Ok ok) {
            out.println("OK " + log + ": " + ok.records() + " records, seq " + ok.firstSeq() + ".." + ok.lastSeq()
                    + (ok.anchorSeq() > 0 ? ", chained from the anchor after seq " + ok.anchorSeq() : "")
                    + ", last tag " + ok.lastMac());
            return EXIT_OK;
        }
        VerifyResult.Broken broken = (VerifyResult.Broken) result;
        err.println("BROKEN " + log + ": " + broken.problem() + " at " + broken.message());
        return EXIT_BROKEN;
    }

    private static int export(Map<String, String> opts, KeyRing keys, PrintStream out, PrintStream err) {
        ExportRange range = range(opts.get("--from"), opts.get("--to"));
        AuditExporter.Result result = new AuditExporter(keys).export(Path.of(opts.get("--log")), range,
                Path.of(opts.get("--out")));
        out.println("exported " + result.records() + " records, seq " + result.firstSeq() + ".." + result.lastSeq()
                + " to " + opts.get("--out"));
        return EXIT_OK;
    }

    private static ExportRange range(String from, String to) {
        if (isNumber(from) && isNumber(to)) {
            return new ExportRange.Seq(Long.parseLong(from), Long.parseLong(to));
        }
        return new ExportRange.Time(Instant.parse(from), Instant.parse(to));
    }

    private static PasswordSource password(Map<String, String> opts, Map<String, String> env) {
        String variable = opts.get("--password-env");
        if (variable == null) {
            return PasswordSource.fromFile(Path.of(opts.get("--password-file")));
        }
        String value = env.get(variable);
        if (value == null || value.isEmpty()) {
            throw KeystoreException.passwordVariableMissing(variable);
        }
        return PasswordSource.of(value.toCharArray());
    }

    /** Fills {@code opts}; @return what is wrong with the command line, if anything */
    private static Optional<String> parse(String[] args, Map<String, String> opts) {
        if (args.length == 0 || !List.of("verify", "export").contains(args[0])) {
            return Optional.of(args.length == 0 ? "missing command" : "unknown command: " + args[0]);
        }
        for (int i = 1; i < args.length; i++) {
            String option = args[i];
            if (FLAGS.contains(option)) {
                opts.put(option, "");
            } else if (!OPTIONS.contains(option)) {
                return Optional.of("unknown option: " + option);
            } else if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                return Optional.of("option " + option + " needs a value");
            } else {
                opts.put(option, args[++i]);
            }
        }
        return check(args[0], opts);
    }

    private static Optional<String> check(String command, Map<String, String> opts) {
        for (String required : "export".equals(command) ? List.of("--log", "--keys", "--from", "--to", "--out")
                : List.of("--log", "--keys")) {
            if (!opts.containsKey(required)) {
                return Optional.of(required + " is required");
            }
        }
        if (opts.containsKey("--password-env") == opts.containsKey("--password-file")) {
            return Optional.of("give exactly one of --password-env and --password-file");
        }
        if ("export".equals(command)) {
            return checkRange(opts.get("--from"), opts.get("--to"));
        }
        return Optional.empty();
    }

    private static Optional<String> checkRange(String from, String to) {
        try {
            if (isNumber(from) != isNumber(to)) {
                return Optional.of("--from and --to must both be seq numbers or both ISO-8601 instants");
            }
            range(from, to);
            return Optional.empty();
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Optional.of("invalid range --from/--to: " + e.getMessage());
        }
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.length() < 19 && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
