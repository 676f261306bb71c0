package io.maskgate.server.cli;

import io.maskgate.core.audit.AuditTool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code audit verify|export}: the decision log's chain, through {@link AuditTool}. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Verify the decision log's tamper-evident chain, or export a range of it with its anchor.",
        synopsisSubcommandLabel = "(verify | export)",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:verified / exported", "1:the chain is broken (first bad line printed)",
                "3:could not run (unreadable file, wrong password, missing key)", "64:bad command line"},
        subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class})
final class AuditCommand {

    /** The log, the key file, and where its password comes from. */
    static final class Inputs {
        @Option(names = "--log", required = true, paramLabel = "FILE", description = "The decision log (audit.file).")
        Path log;

        @Option(names = "--keys", required = true, paramLabel = "FILE", description = "The key file holding the audit keys.")
        Path keys;

        @ArgGroup(exclusive = true, multiplicity = "1")
        KeyPassword password;

        List<String> args(String command) {
            List<String> args = new ArrayList<>(List.of(command, "--log", log.toString(), "--keys", keys.toString()));
            args.addAll(password.toolArgs());
            return args;
        }
    }

    abstract static class AuditAction extends CtlCommand {
        @Mixin
        Inputs inputs;

        abstract List<String> args();

        @Override
        public Integer call() {
            String[] args = args().toArray(String[]::new);
            int code = delegate(streams -> AuditTool.run(args, streams[0], streams[1], env()));
            return code == 2 ? ExitCodes.USAGE : code;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Walk the chain: OK with the record count and last tag, or the first bad line.")
    static final class Verify extends AuditAction {
        @Option(names = "--evidence", description = "The file is an export: verify it from its anchor.")
        boolean evidence;

        @Override
        List<String> args() {
            List<String> args = inputs.args("verify");
            if (evidence) {
                args.add("--evidence");
            }
            return args;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Copy records FROM..TO (seq numbers, or ISO-8601 instants) into OUT, with the anchor "
                    + "needed to verify them alone (verify OUT with --evidence).")
    static final class Export extends AuditAction {
        @Option(names = "--from", required = true, paramLabel = "FROM", description = "First seq or instant.")
        String from;

        @Option(names = "--to", required = true, paramLabel = "TO", description = "Last seq or instant.")
        String to;

        @Option(names = "--out", required = true, paramLabel = "OUT", description = "File to write.")
        Path out;

        @Override
        List<String> args() {
            List<String> args = inputs.args("export");
            args.addAll(List.of("--from", from, "--to", to, "--out", out.toString()));
            return args;
        }
    }
}
