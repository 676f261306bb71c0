package io.maskgate.server.cli;

import io.maskgate.keystore.KeystoreTool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code keystore init|rotate|list}: the key file, through {@link KeystoreTool}. */
@Command(name = "keystore", mixinStandardHelpOptions = true,
        description = "Create the key file, add a data key, or list keys (never key bytes).",
        synopsisSubcommandLabel = "(init | rotate | list)",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:done", "1:failed (message on stderr)", "64:bad command line"},
        subcommands = {KeystoreCommand.Init.class, KeystoreCommand.Rotate.class, KeystoreCommand.ListKeys.class})
final class KeystoreCommand {

    /** The key file and where its password comes from (never an argument). */
    static final class KeyFile {
        @Option(names = "--file", required = true, paramLabel = "FILE", description = "The BCFKS key file.")
        Path file;

        @ArgGroup(exclusive = true, multiplicity = "1")
        KeyPassword password;

        List<String> args(String command) {
            List<String> args = new ArrayList<>(List.of(command, "--file", file.toString()));
            args.addAll(password.toolArgs());
            return args;
        }
    }

    abstract static class KeystoreAction extends CtlCommand {
        @Mixin
        KeyFile keyFile;

        abstract String command();

        @Override
        public Integer call() {
            String[] args = keyFile.args(command()).toArray(String[]::new);
            int code = delegate(streams -> KeystoreTool.run(args, streams[0], streams[1], env()));
            // The tool's own "bad command line" is 2; ours is 64 (2 means "admin API unreachable" here).
            return code == 2 ? ExitCodes.USAGE : code;
        }
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Create a new key file with data key 1, index key 1 and audit key 1 (never overwrites).")
    static final class Init extends KeystoreAction {
        @Override
        String command() {
            return "init";
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Add a new data key; gateways seal new values under it after they reload the file.")
    static final class Rotate extends KeystoreAction {
        @Override
        String command() {
            return "rotate";
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Print key kinds, ids and creation dates (never key bytes).")
    static final class ListKeys extends KeystoreAction {
        @Override
        String command() {
            return "list";
        }
    }
}
