package io.maskgate.server.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code maskgatectl}: the admin CLI for ops. Session and pool commands and {@code health} call the
 * admin HTTP API; {@code keystore}, {@code audit} and {@code conf} work on local files.
 * Started by {@code bin/maskgatectl} ({@code java -cp maskgate.jar io.maskgate.server.cli.MaskgateCtl}).
 */
@Command(name = "maskgatectl", mixinStandardHelpOptions = true, version = "maskgatectl 0.1.0",
        description = "Admin CLI for MaskGate: sessions, pool usage, keys, audit log, conf check, health.",
        synopsisSubcommandLabel = "COMMAND",
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:done; health: ready", "1:failed or refused (API error, invalid conf, not ready)",
                "2:admin API unreachable", "64:bad command line",
                "keystore and audit: see their --help"},
        subcommands = {SessionCommand.class, PoolsCommand.class, KeystoreCommand.class, AuditCommand.class,
                ConfCommand.class, HealthCommand.class, CommandLine.HelpCommand.class})
public final class MaskgateCtl {

    private final Map<String, String> env;

    MaskgateCtl(Map<String, String> env) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }

    Map<String, String> env() {
        return env;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(args, out, err, System.getenv()));
    }

    /** The whole CLI with its streams and environment injected (tests run it in-process). */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        return commandLine(out, err, env).execute(args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> env) {
        CommandLine cmd = new CommandLine(new MaskgateCtl(env));
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExitCodeExceptionMapper(MaskgateCtl::exitCode);
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + e.getMessage());
            return commandLine.getExitCodeExceptionMapper().getExitCode(e);
        });
        return cmd;
    }

    private static int exitCode(Throwable t) {
        if (t instanceof CommandLine.ParameterException) {
            return ExitCodes.USAGE;
        }
        return t instanceof AdminUnreachableException ? ExitCodes.UNREACHABLE : ExitCodes.FAILED;
    }
}
