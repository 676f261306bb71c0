package io.maskgate.server.config;

import static io.maskgate.server.config.GatewayConfigDef.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The SMPP relay: server face (ESMEs bind to {@link #listen()}), client face (binds to
 * {@link #upstreams()}) and the relay between them. When enabled, at least one account and one
 * upstream are required: a relay nobody may bind to, or that can send nowhere, is a conf mistake.
 */
public record SmppConfig(
        boolean enabled,
        ListenAddress listen,
        Server server,
        Relay relay,
        Upstream upstream,
        List<Account> accounts,
        List<UpstreamSmsc> upstreams) {

    public SmppConfig {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(upstream, "upstream");
        accounts = List.copyOf(accounts);
        upstreams = List.copyOf(upstreams);
    }

    /** Limits of the server face. */
    public record Server(int maxCommandLength, int windowSize, int maxPendingBinds, Duration bindTimeout,
                         Duration idleTimeout, Duration submitTimeout, Tls tls) {
        public Server {
            Objects.requireNonNull(tls, "tls");
        }
    }

    /**
     * SMPP over TLS of the server face (a second listener on {@code port}) and our certificate for
     * TLS upstreams. PEM files are loaded at start; a bad one stops start-up naming its key.
     */
    public record Tls(boolean enabled, int port, Optional<Path> certificate, Optional<Path> privateKey,
                      Optional<Path> trustedCas, boolean requireClientCertificate) {
        public Tls {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(privateKey, "privateKey");
            Objects.requireNonNull(trustedCas, "trustedCas");
        }

        static Tls from(ConfigValues v) {
            Tls tls = new Tls(v.bool(SMPP_TLS_ENABLED), v.integer(SMPP_TLS_PORT),
                    v.optionalString(SMPP_TLS_CERTIFICATE).map(Path::of),
                    v.optionalString(SMPP_TLS_PRIVATE_KEY).map(Path::of),
                    v.optionalString(SMPP_TLS_TRUSTED_CAS).map(Path::of),
                    v.string(SMPP_TLS_CLIENT_AUTH).equals("required"));
            if (tls.enabled && tls.certificate.isEmpty()) {
                throw new ConfigException(SMPP_TLS_CERTIFICATE, "is required when smpp.tls.enabled is true");
            }
            if (tls.enabled && tls.privateKey.isEmpty()) {
                throw new ConfigException(SMPP_TLS_PRIVATE_KEY, "is required when smpp.tls.enabled is true");
            }
            if (tls.requireClientCertificate && tls.trustedCas.isEmpty()) {
                throw new ConfigException(SMPP_TLS_TRUSTED_CAS, "is required when smpp.tls.clientAuth is required");
            }
            return tls;
        }
    }

    /** Between the faces: presented source TON/NPI, MO target, receipts, DLT tags. */
    public record Relay(int sourceTon, int sourceNpi, Optional<String> moSystemId, Duration receiptTtl,
                        int receiptMaxEntries, int dltEntityIdTag, int dltTemplateIdTag) {
        public Relay {
            Objects.requireNonNull(moSystemId, "moSystemId");
            Objects.requireNonNull(receiptTtl, "receiptTtl");
        }
    }

    /** Client-face settings shared by every upstream. */
    public record Upstream(Duration responseTimeout, int maxInFlight, Duration enquireLink) {
    }

    /** One ESME account; {@code toString} hides the password hash. */
    public record Account(String systemId, String passwordSha256, int maxBinds, int ratePerSecond, int burst,
                          boolean requireDlt) {
        public Account {
            Objects.requireNonNull(systemId, "systemId");
            Objects.requireNonNull(passwordSha256, "passwordSha256");
        }

        @Override
        public String toString() {
            return "Account[systemId=" + systemId + ", passwordSha256=[hidden], maxBinds=" + maxBinds
                    + ", ratePerSecond=" + ratePerSecond + ", burst=" + burst + ", requireDlt=" + requireDlt + "]";
        }
    }

    /**
     * One upstream SMSC; the password is only a reference to where it lives.
     *
     * @param tls bind over TLS, checking the SMSC's certificate against {@code trustedCas} (or the JVM's CAs)
     * @param maxSubmitsPerSecond the SMSC's TPS over all our binds; 0 for no limit
     */
    public record UpstreamSmsc(String name, String host, int port, String systemId, String systemType,
                               SecretRef password, int binds, int maxSubmitsPerSecond, boolean tls,
                               Optional<Path> trustedCas) {
        public UpstreamSmsc {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(systemId, "systemId");
            Objects.requireNonNull(systemType, "systemType");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(trustedCas, "trustedCas");
        }
    }

    static SmppConfig from(ConfigValues v) {
        boolean enabled = v.bool(SMPP_ENABLED);
        List<Account> accounts = accounts(v);
        List<UpstreamSmsc> upstreams = upstreams(v);
        if (enabled && accounts.isEmpty()) {
            throw new ConfigException(SMPP_ACCOUNTS, "needs at least one account when smpp.enabled is true "
                    + "(or set smpp.enabled: false)");
        }
        if (enabled && upstreams.isEmpty()) {
            throw new ConfigException(SMPP_UPSTREAMS, "needs at least one upstream SMSC when smpp.enabled is true "
                    + "(or set smpp.enabled: false)");
        }
        Server server = new Server(v.integer(SMPP_MAX_COMMAND_LENGTH), v.integer(SMPP_WINDOW_SIZE),
                v.integer(SMPP_MAX_PENDING_BINDS), seconds(v, SMPP_BIND_TIMEOUT_SECONDS),
                seconds(v, SMPP_IDLE_TIMEOUT_SECONDS), seconds(v, SMPP_SUBMIT_TIMEOUT_SECONDS), Tls.from(v));
        Upstream upstream = new Upstream(seconds(v, SMPP_UPSTREAM_RESPONSE_TIMEOUT_SECONDS),
                v.integer(SMPP_UPSTREAM_MAX_IN_FLIGHT), enquireLink(v));
        if (upstream.responseTimeout().compareTo(server.submitTimeout()) >= 0) {
            throw new ConfigException(SMPP_SUBMIT_TIMEOUT_SECONDS, "must exceed "
                    + SMPP_UPSTREAM_RESPONSE_TIMEOUT_SECONDS + " (an ESME must hear the upstream's answer)");
        }
        return new SmppConfig(enabled, new ListenAddress(v.string(SMPP_LISTEN), v.integer(SMPP_PORT)), server,
                relay(v, accounts), upstream, accounts, upstreams);
    }

    /** A copy listening on another port (tests bind to port 0). */
    public SmppConfig withPort(int port) {
        return new SmppConfig(enabled, new ListenAddress(listen.host(), port), server, relay, upstream, accounts,
                upstreams);
    }

    private static Relay relay(ConfigValues v, List<Account> accounts) {
        int entity = v.integer(SMPP_DLT_ENTITY_ID_TAG);
        int template = v.integer(SMPP_DLT_TEMPLATE_ID_TAG);
        if (entity == template) {
            throw new ConfigException(SMPP_DLT_TEMPLATE_ID_TAG, "must differ from " + SMPP_DLT_ENTITY_ID_TAG);
        }
        Optional<String> mo = v.optionalString(SMPP_MO_SYSTEM_ID);
        if (mo.isPresent() && accounts.stream().noneMatch(a -> a.systemId().equals(mo.get()))) {
            throw new ConfigException(SMPP_MO_SYSTEM_ID, "names no account in " + SMPP_ACCOUNTS);
        }
        return new Relay(v.integer(SMPP_SOURCE_TON), v.integer(SMPP_SOURCE_NPI), mo,
                Duration.ofHours(v.integer(SMPP_RECEIPTS_TTL_HOURS)), v.integer(SMPP_RECEIPTS_MAX_ENTRIES), entity,
                template);
    }

    private static List<Account> accounts(ConfigValues v) {
        List<Account> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < v.size(SMPP_ACCOUNTS); i++) {
            String p = SMPP_ACCOUNTS + "[" + i + "].";
            String systemId = v.string(p + "systemId");
            if (!ids.add(systemId)) {
                throw new ConfigException(p + "systemId", "duplicate account '" + systemId + "'");
            }
            int rate = v.integer(p + "ratePerSecond");
            int burst = v.integer(p + "burst");
            if (rate == 0 && burst != 0) {
                throw new ConfigException(p + "burst", "needs a ratePerSecond above 0 (0 means unlimited)");
            }
            out.add(new Account(systemId, v.string(p + "passwordSha256"), v.integer(p + "maxBinds"), rate,
                    burst == 0 ? rate : burst, v.bool(p + "requireDlt")));
        }
        return out;
    }

    private static List<UpstreamSmsc> upstreams(ConfigValues v) {
        List<UpstreamSmsc> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < v.size(SMPP_UPSTREAMS); i++) {
            String p = SMPP_UPSTREAMS + "[" + i + "].";
            String name = v.string(p + "name");
            if (!names.add(name)) {
                throw new ConfigException(p + "name", "duplicate upstream '" + name + "'");
            }
            SecretRef password = SecretRef.required(v, p + "passwordEnv", p + "passwordFile", "the bind password");
            out.add(new UpstreamSmsc(name, v.string(p + "host"), v.integer(p + "port"), v.string(p + "systemId"),
                    v.string(p + "systemType"), password, v.integer(p + "binds"), v.integer(p + "maxSubmitsPerSecond"),
                    v.bool(p + "tls"),
                    v.optionalString(p + "trustedCas").map(Path::of)));
        }
        return out;
    }

    /** smpp-relay has one enquire_link interval for all upstreams: conf may not pretend otherwise. */
    private static Duration enquireLink(ConfigValues v) {
        int count = v.size(SMPP_UPSTREAMS);
        if (count == 0) {
            return Duration.ofSeconds(30);
        }
        int first = v.integer(SMPP_UPSTREAMS + "[0].enquireLinkSeconds");
        for (int i = 1; i < count; i++) {
            String key = SMPP_UPSTREAMS + "[" + i + "].enquireLinkSeconds";
            if (v.integer(key) != first) {
                throw new ConfigException(key, "must equal " + SMPP_UPSTREAMS + "[0].enquireLinkSeconds (" + first
                        + "): one interval serves every upstream for now");
            }
        }
        return Duration.ofSeconds(first);
    }

    private static Duration seconds(ConfigValues v, String key) {
        return Duration.ofSeconds(v.integer(key));
    }
}
