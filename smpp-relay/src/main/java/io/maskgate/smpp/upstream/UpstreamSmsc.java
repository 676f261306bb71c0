package io.maskgate.smpp.upstream;

import io.maskgate.core.rate.RateLimit;
import io.maskgate.smpp.server.Checks;
import io.maskgate.keystore.tls.TlsMaterial;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One upstream SMSC we bind to as a transceiver. The password comes from a supplier (an env var
 * or a file named in conf), is asked for at every bind so that a rotated secret is picked up, and
 * never appears in {@link #toString()}.
 *
 * @param name label for logs and metrics, e.g. {@code "airtel-1"}; also the namespace of this
 *     SMSC's message ids in the receipt map, so it must stay stable across restarts
 * @param binds how many transceiver binds to keep to this SMSC (1..64); receipts are matched on
 *     any of them
 * @param tls SMPP over TLS with this material (the SMSC's certificate must chain to its trusted CAs
 *     and name {@code host}; ours is presented when asked); empty: plain TCP
 * @param submitRate submit_sm a second the SMSC takes over all our binds (its TPS), or
 *     {@link RateLimit#UNLIMITED}; beyond it a submit goes to another SMSC or is throttled
 */
public record UpstreamSmsc(String name, String host, int port, String systemId, Supplier<String> password,
        String systemType, int binds, Optional<TlsMaterial> tls, RateLimit submitRate) {
    /** Without a submit rate of its own. */
    public UpstreamSmsc(String name, String host, int port, String systemId, Supplier<String> password,
            String systemType, int binds, Optional<TlsMaterial> tls) {
        this(name, host, port, systemId, password, systemType, binds, tls, RateLimit.UNLIMITED);
    }

    /** Plain TCP. */
    public UpstreamSmsc(String name, String host, int port, String systemId, Supplier<String> password,
            String systemType, int binds) {
        this(name, host, port, systemId, password, systemType, binds, Optional.empty());
    }

    /** One bind. */
    public UpstreamSmsc(String name, String host, int port, String systemId, Supplier<String> password,
            String systemType) {
        this(name, host, port, systemId, password, systemType, 1);
    }

    public UpstreamSmsc {
        Checks.range("binds", binds, 1, 64);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(systemType, "systemType");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(submitRate, "submitRate");
        Checks.range("port", port, 1, 65_535);
    }

    @Override
    public String toString() {
        return "UpstreamSmsc[" + name + " " + host + ":" + port + ", systemId=" + systemId + ", binds=" + binds
                + (tls.isPresent() ? ", tls" : "") + (submitRate.isUnlimited() ? "" : ", " + submitRate.perSecond() + "/s")
                + ", password=[hidden]]";
    }
}
