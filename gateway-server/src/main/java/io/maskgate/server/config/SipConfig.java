package io.maskgate.server.config;

import static io.maskgate.server.config.GatewayConfigDef.*;

import java.util.Objects;

/** SIP listeners. A placeholder until sip-relay exists: only printed at start. */
public record SipConfig(ListenAddress udp, ListenAddress tcp) {
    public SipConfig {
        Objects.requireNonNull(udp, "udp");
        Objects.requireNonNull(tcp, "tcp");
    }

    static SipConfig from(ConfigValues v) {
        return new SipConfig(new ListenAddress(v.string(SIP_UDP_LISTEN), v.integer(SIP_UDP_PORT)),
                new ListenAddress(v.string(SIP_TCP_LISTEN), v.integer(SIP_TCP_PORT)));
    }
}
