package io.maskgate.server.config;

import java.util.Objects;

/** A bind address and port. */
public record ListenAddress(String host, int port) {
    public ListenAddress {
        Objects.requireNonNull(host, "host");
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
