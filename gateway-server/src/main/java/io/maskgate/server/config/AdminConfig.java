package io.maskgate.server.config;

import static io.maskgate.server.config.GatewayConfigDef.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The admin HTTP API: where it listens, how large a body it takes, and who may call it. */
public record AdminConfig(ListenAddress listen, int maxBodyBytes, boolean metricsPublic, List<AdminToken> tokens,
        boolean statusPublic) {
    public AdminConfig {
        Objects.requireNonNull(listen, "listen");
        tokens = List.copyOf(tokens);
    }

    static AdminConfig from(ConfigValues v) {
        List<AdminToken> tokens = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < v.size(ADMIN_TOKENS); i++) {
            String prefix = ADMIN_TOKENS + "[" + i + "].";
            String name = v.string(prefix + "name");
            if (!names.add(name)) {
                throw new ConfigException(prefix + "name", "duplicate token name '" + name + "'");
            }
            AdminToken token = AdminToken.fromHex(name, Role.fromConf(v.string(prefix + "role")), v.string(prefix + "sha256"));
            for (int j = 0; j < tokens.size(); j++) {
                if (java.security.MessageDigest.isEqual(tokens.get(j).sha256(), token.sha256())) {
                    // One token with two roles would depend on list order; make the operator say which.
                    throw new ConfigException(prefix + "sha256", "same token as " + ADMIN_TOKENS + "[" + j + "]");
                }
            }
            tokens.add(token);
        }
        return new AdminConfig(
                new ListenAddress(v.string(ADMIN_LISTEN), v.integer(ADMIN_PORT)),
                v.integer(ADMIN_MAX_BODY_BYTES),
                v.bool(ADMIN_METRICS_PUBLIC),
                tokens,
                v.bool(ADMIN_STATUS_PUBLIC));
    }

    /** A copy listening on another port (tests bind to port 0). */
    public AdminConfig withPort(int port) {
        return new AdminConfig(new ListenAddress(listen.host(), port), maxBodyBytes, metricsPublic, tokens, statusPublic);
    }
}
