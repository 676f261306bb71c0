package io.maskgate.server.cli;

import io.maskgate.server.config.ConfigException;
import io.maskgate.server.config.ConfigLoader;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code conf validate FILE}: the same loader the gateway starts with, without starting anything. */
@Command(name = "conf", mixinStandardHelpOptions = true, description = "Check a conf file.",
        synopsisSubcommandLabel = "validate", subcommands = ConfCommand.Validate.class)
final class ConfCommand {

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Load FILE as the gateway would at start (types, ranges, cross-key rules); "
                    + "on error print the key's path and the reason.")
    static final class Validate extends CtlCommand {
        @Parameters(paramLabel = "FILE", description = "e.g. conf/gateway.yaml")
        Path file;

        @Override
        public Integer call() {
            try {
                ConfigLoader.load(file);
                out().println(file + " is valid");
                return ExitCodes.OK;
            } catch (ConfigException e) {
                err().println("invalid: " + e.getMessage());
                return ExitCodes.FAILED;
            }
        }
    }
}
