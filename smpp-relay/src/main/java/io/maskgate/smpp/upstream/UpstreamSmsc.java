package io.maskgate.smpp.upstream;

import io.maskgate.smpp.server.Checks;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One upstream SMSC we bind to as a transceiver. The password comes from a supplier (an env var
 * or a file named in conf), is asked for at every bind so that a rotated secret is picked up, and
 * never appears in {@link #toString()}.
 *
 * @param name label for logs and metrics, e.g. {@code "airtel-1"}
 */
public record UpstreamSmsc(String name, String host, int port, String systemId, Supplier<String> password,
        String systemType) {
    public UpstreamSmsc {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(systemType, "systemType");
        Checks.range("port", port, 1, 65_535);
    }

    @Override
    public String toString() {
        return "UpstreamSmsc[" + name + " " + host + ":" + port + ", systemId=" + systemId + ", password=[hidden]]";
    }
}
