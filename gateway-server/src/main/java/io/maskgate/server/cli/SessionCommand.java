package io.maskgate.server.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code session create|get|close}: the sessions API (role provisioning). Participants' numbers come back masked. */
@Command(name = "session", description = "Create, inspect and close masking sessions (admin API, role provisioning).",
        mixinStandardHelpOptions = true, synopsisSubcommandLabel = "(create | get | close)",
        subcommands = {SessionCommand.Create.class, SessionCommand.Get.class, SessionCommand.Close.class})
final class SessionCommand {

    static final String PATH = "/v1/sessions";

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create a session; prints its id, proxy number and expiry.",
                    "Numbers given with --participant show in 'ps' to other local users: on shared hosts "
                            + "put the request in a file and use --request."})
    static final class Create extends CtlCommand {
        @Mixin
        AdminOptions admin;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Source source;

        static final class Source {
            @Option(names = "--request", paramLabel = "FILE",
                    description = "JSON body of POST /v1/sessions, read from FILE.")
            Path request;

            @ArgGroup(exclusive = false)
            Fields fields;
        }

        static final class Fields {
            @Option(names = "--purpose", required = true, description = "Purpose, e.g. delivery.")
            String purpose;

            @Option(names = "--participant", required = true, arity = "1", paramLabel = "ID=NUMBER",
                    description = "A participant (give exactly two), e.g. cust-123=+919812345678.")
            List<String> participants;

            @Option(names = "--ttl-seconds", description = "Lifetime; default: the conf's sessions.defaultTtlSeconds.")
            Integer ttlSeconds;

            @Option(names = "--reference", description = "Your reference (order id, ticket), up to 128 chars.")
            String reference;

            @Option(names = "--pool", description = "Number pool (default: the conf's default pool).")
            String pool;
        }

        @Override
        public Integer call() {
            return print(admin.client(env()).postJson(PATH, body()));
        }

        private String body() {
            if (source.request != null) {
                try {
                    return Files.readString(source.request, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new ParameterException(spec.commandLine(), "cannot read --request " + source.request);
                }
            }
            Fields f = source.fields;
            if (f.participants.size() != 2) {
                throw new ParameterException(spec.commandLine(), "give --participant exactly twice");
            }
            ObjectNode node = JSON.createObjectNode().put("purpose", f.purpose);
            if (f.ttlSeconds != null) {
                node.put("ttlSeconds", f.ttlSeconds);
            }
            if (f.reference != null) {
                node.put("reference", f.reference);
            }
            if (f.pool != null) {
                node.put("pool", f.pool);
            }
            var list = node.putArray("participants");
            for (String p : f.participants) {
                int eq = p.indexOf('=');
                if (eq <= 0 || eq == p.length() - 1) {
                    // Never echo the value: it holds a number.
                    throw new ParameterException(spec.commandLine(), "--participant must be ID=NUMBER");
                }
                list.addObject().put("id", p.substring(0, eq)).put("number", p.substring(eq + 1));
            }
            return node.toString();
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = "Show a session: purpose, pool, proxy number, participants (numbers masked), expiry.")
    static final class Get extends CtlCommand {
        @Mixin
        AdminOptions admin;

        @Parameters(paramLabel = "SESSION_ID", description = "The id create printed.")
        String id;

        @Override
        public Integer call() {
            return print(admin.client(env()).get(PATH + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8)));
        }
    }

    @Command(name = "close", mixinStandardHelpOptions = true,
            description = "Close (delete) a session: its proxy number stops routing for both participants at once.")
    static final class Close extends CtlCommand {
        @Mixin
        AdminOptions admin;

        @Parameters(paramLabel = "SESSION_ID", description = "The id create printed.")
        String id;

        @Override
        public Integer call() {
            AdminClient.Answer answer = admin.client(env()).delete(PATH + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
            if (answer.ok()) {
                out().println("closed " + id);
                return ExitCodes.OK;
            }
            return print(answer);
        }
    }
}
