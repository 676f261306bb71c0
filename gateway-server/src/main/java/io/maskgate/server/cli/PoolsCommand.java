package io.maskgate.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pools}: GET /v1/pools as a table. */
@Command(name = "pools", mixinStandardHelpOptions = true,
        description = "Show each number pool's size and, when the store can count them, sessions and numbers in use "
                + "(admin API, role operations).")
final class PoolsCommand extends CtlCommand {

    @Mixin
    AdminOptions admin;

    @Override
    public Integer call() {
        AdminClient.Answer answer = admin.client(env()).get("/v1/pools");
        Optional<JsonNode> json = answer.ok() ? json(answer.body()) : Optional.empty();
        if (json.isEmpty()) {
            return print(answer);
        }
        boolean known = json.get().path("usageKnown").asBoolean();
        out().printf("%-24s %8s %10s %8s %8s%n", "POOL", "SIZE", "SESSIONS", "IN USE", "FREE");
        for (JsonNode pool : json.get().path("pools")) {
            out().printf("%-24s %8d %10s %8s %8s%n", pool.path("name").asText(), pool.path("size").asLong(),
                    known ? pool.path("sessions").asText() : "?", known ? pool.path("numbersInUse").asText() : "?",
                    known ? pool.path("free").asText() : "?");
        }
        if (!known) {
            out().println("(this session store cannot count sessions cheaply: only sizes are shown)");
        }
        return ExitCodes.OK;
    }
}
