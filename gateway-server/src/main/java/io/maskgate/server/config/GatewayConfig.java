package io.maskgate.server.config;

import static io.maskgate.server.config.GatewayConfigDef.NODE_ID;

import java.util.Objects;

/** The whole validated conf of one gateway node. Built only by {@link ConfigLoader} (or tests). */
public record GatewayConfig(
        String nodeId,
        AdminConfig admin,
        KeystoreConfig keystore,
        StoreConfig store,
        NumbersConfig numbers,
        PoolsConfig pools,
        SessionsConfig sessions,
        SipConfig sip,
        SmppConfig smpp,
        ConsentConfig consent,
        AuditConfig audit,
        EventsConfig events,
        ShutdownConfig shutdown,
        PrivacyConfig privacy) {

    public GatewayConfig {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(numbers, "numbers");
        Objects.requireNonNull(pools, "pools");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(sip, "sip");
        Objects.requireNonNull(smpp, "smpp");
        Objects.requireNonNull(consent, "consent");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(shutdown, "shutdown");
        Objects.requireNonNull(privacy, "privacy");
    }

    /** Builds the records from typed values; cross-key rules throw {@link ConfigException} naming a key. */
    public static GatewayConfig from(ConfigValues v) {
        StoreConfig store = StoreConfig.from(v);
        return new GatewayConfig(v.string(NODE_ID), AdminConfig.from(v), KeystoreConfig.from(v), store,
                NumbersConfig.from(v), PoolsConfig.from(v), SessionsConfig.from(v), SipConfig.from(v), SmppConfig.from(v),
                ConsentConfig.from(v, store), AuditConfig.from(v), EventsConfig.from(v, store),
                ShutdownConfig.from(v), PrivacyConfig.from(v));
    }

    /** A copy whose admin API listens on another port (tests use 0). */
    public GatewayConfig withAdminPort(int port) {
        return new GatewayConfig(nodeId, admin.withPort(port), keystore, store, numbers, pools, sessions, sip, smpp,
                consent, audit, events, shutdown, privacy);
    }

    /** A copy whose SMPP server face listens on another port (tests use 0). */
    public GatewayConfig withSmppPort(int port) {
        return new GatewayConfig(nodeId, admin, keystore, store, numbers, pools, sessions, sip, smpp.withPort(port),
                consent, audit, events, shutdown, privacy);
    }
}
