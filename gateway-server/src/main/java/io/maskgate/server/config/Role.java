package io.maskgate.server.config;

import java.util.Locale;

/** What an admin token may do. The conf spells them in lower case. */
public enum Role {
    /** Create, read and delete sessions (OMS/CRM). */
    PROVISIONING,
    /** Metrics and operational endpoints. */
    OPERATIONS,
    /** Erasure and subject requests (coming). */
    PRIVACY,
    /** Audit chain export and verification (coming). */
    AUDIT;

    public static Role fromConf(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public String confName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
