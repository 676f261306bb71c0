package io.maskgate.keystore;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Command line for key files: {@code init}, {@code rotate}, {@code add-audit-key}, {@code list}. Prints key ids, kinds and
 * creation dates, never key bytes or the password.
 *
 * <pre>
 * keystore-tool init   --file F (--password-env VAR | --password-file P)
 * keystore-tool rotate --file F (--password-env VAR | --password-file P)
 * keystore-tool add-audit-key --file F (--password-env VAR | --password-file P)
 * keystore-tool list   --file F (--password-env VAR | --password-file P)
 * </pre>
 * Exit codes: {@value #EXIT_OK} done, {@value #EXIT_FAILED} the operation failed (message on
 * stderr), {@value #EXIT_USAGE} bad command line.
 */
public final class KeystoreTool {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private static final String USAGE = String.join(System.lineSeparator(),
            "usage: keystore-tool <command> --file F (--password-env VAR | --password-file P)",
            "",
            "commands:",
            "  init           create a new key file with data key 1, index key 1 and audit key 1",
            "                 (refuses to overwrite)",
            "  rotate         add a new data key; gateways seal under it after they reload the file",
            "  add-audit-key  add an audit key (the first one to a file made before audit keys existed);",
            "                 the decision log chains under the newest after a reload",
            "  list           print key kinds, ids and creation dates (never key bytes)",
            "",
            "options:",
            "  --file F             the BCFKS key file",
            "  --password-env VAR   read the key file password from environment variable VAR",
            "  --password-file P    read it from file P (trailing newline ignored)",
            "  --help               print this help",
            "",
            "exit codes: 0 done, 1 failed, 2 bad command line");

    private KeystoreTool() {
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
        Optional<Invocation> parsed = Invocation.parse(args, err);
        if (parsed.isEmpty()) {
            err.println(USAGE);
            return EXIT_USAGE;
        }
        Invocation invocation = parsed.get();
        try {
            PasswordSource password = invocation.password(env);
            switch (invocation.command()) {
                case "init" -> init(invocation.file(), password, out);
                case "rotate" -> rotate(invocation.file(), password, out);
                case "add-audit-key" -> addAuditKey(invocation.file(), password, out);
                default -> list(invocation.file(), password, out);
            }
            return EXIT_OK;
        } catch (KeystoreException e) {
            err.println("error: " + e.getMessage());
            return EXIT_FAILED;
        }
    }

    private static void init(Path file, PasswordSource password, PrintStream out) {
        KeyFiles.create(file, password);
        out.println("created " + file + " with data key 1, index key 1 and audit key 1");
    }

    private static void rotate(Path file, PasswordSource password, PrintStream out) {
        int id = KeyFiles.rotateDataKey(file, password);
        out.println("added data key " + id + " to " + file
                + "; gateways seal new values under it after they reload the file");
    }

    private static void addAuditKey(Path file, PasswordSource password, PrintStream out) {
        int id = KeyFiles.addAuditKey(file, password);
        out.println("added audit key " + id + " to " + file
                + "; the decision log chains under it after the gateway reloads the file");
    }

    private static void list(Path file, PasswordSource password, PrintStream out) {
        List<KeyInfo> keys = KeyFiles.list(file, password);
        int current = keys.stream().filter(k -> k.kind() == KeyKind.DATA).mapToInt(KeyInfo::id).max().orElse(-1);
        out.printf("%-6s %-6s %-10s %s%n", "KIND", "ID", "ALIAS", "CREATED");
        for (KeyInfo key : keys) {
            String marker = key.kind() == KeyKind.DATA && key.id() == current ? "  (current)" : "";
            out.printf("%-6s %-6d %-10s %s%s%n", key.kind().prefix(), key.id(), key.alias(),
                    DateTimeFormatter.ISO_INSTANT.format(key.created()), marker);
        }
    }

    /** A parsed, valid command line. */
    private record Invocation(String command, Path file, Optional<String> passwordEnv, Optional<Path> passwordFile) {

        private static final List<String> COMMANDS = List.of("init", "rotate", "add-audit-key", "list");

        PasswordSource password(Map<String, String> env) {
            return passwordEnv.map(name -> PasswordSources.fromEnv(name, env))
                    .orElseGet(() -> PasswordSource.fromFile(passwordFile.orElseThrow()));
        }

        /** @return empty after printing what is wrong to {@code err} */
        static Optional<Invocation> parse(String[] args, PrintStream err) {
            if (args.length == 0 || !COMMANDS.contains(args[0])) {
                err.println(args.length == 0 ? "missing command" : "unknown command: " + args[0]);
                return Optional.empty();
            }
            String file = null;
            String env = null;
            String passwordFile = null;
            List<String> problems = new ArrayList<>();
            for (int i = 1; i < args.length; i += 2) {
                String option = args[i];
                String value = i + 1 < args.length ? args[i + 1] : null;
                if (value == null || value.startsWith("--")) {
                    problems.add("option " + option + " needs a value");
                    break;
                }
                switch (option) {
                    case "--file" -> file = value;
                    case "--password-env" -> env = value;
                    case "--password-file" -> passwordFile = value;
                    default -> problems.add("unknown option: " + option);
                }
            }
            if (problems.isEmpty() && file == null) {
                problems.add("--file is required");
            }
            if (problems.isEmpty() && (env == null) == (passwordFile == null)) {
                problems.add("give exactly one of --password-env and --password-file");
            }
            problems.forEach(err::println);
            if (!problems.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Invocation(args[0], Path.of(file), Optional.ofNullable(env),
                    Optional.ofNullable(passwordFile).map(Path::of)));
        }
    }
}
