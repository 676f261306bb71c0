package io.maskgate.server.config;

import static io.maskgate.server.config.GatewayConfigDef.SMPP_LISTEN;
import static io.maskgate.server.config.GatewayConfigDef.SMPP_PORT;

import java.util.Objects;

/** SMPP server face. A placeholder until smpp-relay exists: only printed at start. */
public record SmppConfig(ListenAddress listen) {
    public SmppConfig {
        Objects.requireNonNull(listen, "listen");
    }

    static SmppConfig from(ConfigValues v) {
        return new SmppConfig(new ListenAddress(v.string(SMPP_LISTEN), v.integer(SMPP_PORT)));
    }
}
