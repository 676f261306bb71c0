package io.maskgate.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every maskgatectl command shares: its streams, the environment, JSON, and the answer-to-exit-code rule. */
abstract class CtlCommand implements Callable<Integer> {

    static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    Map<String, String> env() {
        return ((MaskgateCtl) spec.root().userObject()).env();
    }

    /** Prints a successful answer's body (pretty JSON) to out, or the error to err; the exit code. */
    int print(AdminClient.Answer answer) {
        if (answer.ok()) {
            if (!answer.body().isEmpty()) {
                out().println(pretty(answer.body()));
            }
            return ExitCodes.OK;
        }
        err().println("error: HTTP " + answer.status() + (answer.body().isEmpty() ? "" : " " + answer.body().strip())
                + hint(answer.status()));
        return ExitCodes.FAILED;
    }

    static String hint(int status) {
        return switch (status) {
            case 401 -> " (no or unknown token: give --token-file or set " + AdminOptions.TOKEN_ENV + ")";
            case 403 -> " (this token's role may not call this route)";
            default -> "";
        };
    }

    static Optional<JsonNode> json(String body) {
        try {
            return Optional.of(JSON.readTree(body));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static String pretty(String body) {
        return json(body).map(node -> {
            try {
                return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
            } catch (IOException e) {
                return body;
            }
        }).orElse(body);
    }

    /**
     * Runs a tool written for {@code PrintStream}s (keystore and audit tools) and copies what it
     * printed to this command's writers.
     */
    int delegate(Function<PrintStream[], Integer> tool) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code;
        try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
             PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            code = tool.apply(new PrintStream[] {po, pe});
        }
        out().print(o.toString(StandardCharsets.UTF_8));
        err().print(e.toString(StandardCharsets.UTF_8));
        out().flush();
        err().flush();
        return code;
    }
}
