package io.maskgate.server.config;

import static io.maskgate.server.config.GatewayConfigDef.AUDIT_FILE;
import static io.maskgate.server.config.GatewayConfigDef.AUDIT_FSYNC_EVERY_RECORDS;
import static io.maskgate.server.config.GatewayConfigDef.AUDIT_FSYNC_INTERVAL_MS;
import static io.maskgate.server.config.GatewayConfigDef.AUDIT_QUEUE_CAPACITY;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/** The tamper-evident decision log: its file and how often it is forced to disk. */
public record AuditConfig(Path file, int fsyncEveryRecords, Duration fsyncInterval, int queueCapacity) {
    public AuditConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(fsyncInterval, "fsyncInterval");
    }

    static AuditConfig from(ConfigValues v) {
        return new AuditConfig(Path.of(v.string(AUDIT_FILE)), v.integer(AUDIT_FSYNC_EVERY_RECORDS),
                Duration.ofMillis(v.integer(AUDIT_FSYNC_INTERVAL_MS)), v.integer(AUDIT_QUEUE_CAPACITY));
    }

    /** A copy writing to another file (tests). */
    public AuditConfig withFile(Path other) {
        return new AuditConfig(other, fsyncEveryRecords, fsyncInterval, queueCapacity);
    }
}
