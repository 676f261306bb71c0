package io.maskgate.server.config;

import static io.maskgate.server.config.GatewayConfigDef.PRIVACY_MAX_EVENT_SCAN;
import static io.maskgate.server.config.GatewayConfigDef.PRIVACY_RETENTION_DEFAULT_DAYS;
import static io.maskgate.server.config.GatewayConfigDef.PRIVACY_RETENTION_INTERVAL_SECONDS;
import static io.maskgate.server.config.GatewayConfigDef.PRIVACY_RETENTION_KEY_EPOCH_HOURS;
import static io.maskgate.server.config.GatewayConfigDef.PRIVACY_RETENTION_PURPOSES;

import io.maskgate.core.privacy.RetentionPolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Data principal rights and retention: how long each purpose's data is kept, how often the
 * retention job runs, and how far one erasure or run scans the event stream.
 *
 * @param interval zero when the retention job does not run
 */
public record PrivacyConfig(RetentionPolicy retention, Duration interval, int maxEventScan) {

    public PrivacyConfig {
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(interval, "interval");
    }

    static PrivacyConfig from(ConfigValues v) {
        Map<String, Duration> purposes = new LinkedHashMap<>();
        for (int i = 0; i < v.size(PRIVACY_RETENTION_PURPOSES); i++) {
            String p = PRIVACY_RETENTION_PURPOSES + "[" + i + "].";
            String purpose = v.string(p + "purpose");
            if (purposes.put(purpose, Duration.ofDays(v.integer(p + "days"))) != null) {
                throw new ConfigException(p + "purpose", "purpose '" + purpose + "' listed twice");
            }
        }
        RetentionPolicy policy = new RetentionPolicy(Duration.ofDays(v.integer(PRIVACY_RETENTION_DEFAULT_DAYS)),
                purposes, Duration.ofHours(v.integer(PRIVACY_RETENTION_KEY_EPOCH_HOURS)));
        return new PrivacyConfig(policy, Duration.ofSeconds(v.integer(PRIVACY_RETENTION_INTERVAL_SECONDS)),
                v.integer(PRIVACY_MAX_EVENT_SCAN));
    }
}
