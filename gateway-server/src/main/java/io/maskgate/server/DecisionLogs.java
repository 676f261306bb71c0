package io.maskgate.server;

import io.maskgate.core.audit.AuditException;
import io.maskgate.core.audit.FileDecisionLog;
import io.maskgate.core.audit.FileDecisionLogOptions;
import io.maskgate.core.audit.SubjectFieldSealer;
import io.maskgate.core.events.EventPublisher;
import io.maskgate.core.events.EventStreamOptions;
import io.maskgate.core.events.NoopEventPublisher;
import io.maskgate.core.events.RedisStreamEventPublisher;
import io.maskgate.core.session.redis.RedisConnector;
import io.maskgate.keystore.KeyRing;
import io.maskgate.server.config.AuditConfig;
import io.maskgate.server.config.EventsConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Opens the decision log and the event publisher conf asks for: the two sinks of every decision. */
final class DecisionLogs {

    private DecisionLogs() {
    }

    /**
     * Opens (continuing an existing file) the tamper-evident log under the newest audit key.
     *
     * @throws AuditException naming the file when it cannot be opened or continued
     */
    static FileDecisionLog open(AuditConfig conf, String nodeId, KeyRing keys, MeterRegistry registry,
                                SubjectFieldSealer sealer) {
        Path parent = conf.file().toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new AuditException("cannot create the directory of the decision log " + conf.file()
                    + " (" + e.getClass().getSimpleName() + ")");
        }
        FileDecisionLogOptions options = FileDecisionLogOptions.builder()
                .node(nodeId)
                .queueCapacity(conf.queueCapacity())
                .fsyncEveryRecords(conf.fsyncEveryRecords())
                .fsyncInterval(conf.fsyncInterval())
                .build();
        return FileDecisionLog.open(conf.file(), keys.auditKey(), options, registry, sealer);
    }

    /** Events to the Redis stream (on the shared connector), or nowhere. */
    static EventPublisher events(EventsConfig conf, Optional<RedisConnector> connector, MeterRegistry registry) {
        if (conf.type() == EventsConfig.Type.NONE) {
            return NoopEventPublisher.INSTANCE;
        }
        RedisConnector redis = connector.orElseThrow(); // EventsConfig requires store.type redis
        EventStreamOptions options = EventStreamOptions.builder()
                .stream(conf.stream())
                .maxLength(conf.maxLength())
                .maxInFlight(conf.maxInFlight())
                .build();
        return new RedisStreamEventPublisher(options, redis::commands, registry);
    }
}
