package io.maskgate.server.config;

import java.util.Locale;

/** What an admin token may do. The conf spells them in lower case. */
public enum Role {
    /** Create, read and delete sessions (OMS/CRM). */
    PROVISIONING,
    /** Metrics and operational endpoints. */
    OPERATIONS,
    /** Erasure, access requests and the consent revocation webhook. */
    PRIVACY,
    /** Decision-log verification and evidence export. */
    AUDIT,
    /**
     * Emergency access: the only role that may see a session's real numbers
     * ({@code GET /v1/sessions/{id}?reveal=true}, with a reason); every use is a decision-log record.
     */
    BREAK_GLASS;

    public static Role fromConf(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    public String confName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
