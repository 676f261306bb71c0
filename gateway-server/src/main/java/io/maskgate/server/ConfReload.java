package io.maskgate.server;

import static io.maskgate.server.config.GatewayConfigDef.CONSENT_CACHE_MAX_TTL_SECONDS;
import static io.maskgate.server.config.GatewayConfigDef.LOGGING_LEVEL;
import static io.maskgate.server.config.GatewayConfigDef.SIP_ACL;
import static io.maskgate.server.config.GatewayConfigDef.SIP_CARRIERS;
import static io.maskgate.server.config.GatewayConfigDef.SIP_OVERLOAD;
import static io.maskgate.server.config.GatewayConfigDef.SIP_TRUNKS;
import static io.maskgate.server.config.GatewayConfigDef.SMPP_ACCOUNTS;

import io.maskgate.core.consent.CachingConsentGate;
import io.maskgate.core.routing.ConsentGate;
import io.maskgate.server.config.ConfigException;
import io.maskgate.server.config.ConfigLoader;
import io.maskgate.server.config.GatewayConfig;
import io.maskgate.server.config.ReloadResult;
import io.maskgate.server.config.SmppConfig;
import io.maskgate.server.logging.Logging;
import io.maskgate.server.logging.LoggingConfig;
import io.maskgate.sip.b2bua.SipLiveOptions;
import io.maskgate.sip.b2bua.SipRelay;
import io.maskgate.smpp.SmppRelay;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the conf file the node started with (SIGHUP, {@code POST /v1/admin/reload}) with the
 * same loader and validation, and applies the safe part live: SIP trunks, carrier ACL and named
 * carriers, SMPP per-account rate and bind limits, the consent cache's TTL cap. An invalid file
 * changes nothing. Any other changed key is reported as needing a restart and stays as it runs; it keeps being
 * reported until the restart, because the comparison is against what runs, not the last file.
 *
 * <p>Counts {@code maskgate_config_reloads_total{result=applied|unchanged|invalid}}. Reloads are
 * serialised; each is a few milliseconds of file reading and list swapping.
 */
final class ConfReload {

    /** Counter of reloads; tag {@link #TAG_RESULT}. */
    static final String RELOADS = "maskgate_config_reloads_total";
    static final String TAG_RESULT = "result";

    private static final Logger log = LoggerFactory.getLogger(ConfReload.class);

    private final Path file;
    private final Optional<SipRelay> sip;
    private final Optional<SmppRelay> smpp;
    private final ConsentGate consent;
    private final Counter applied;
    private final Counter unchanged;
    private final Counter invalid;
    /** The values that run: those of the start, with each applied key updated. */
    private final Map<String, Object> running;
    private List<SmppConfig.Account> runningAccounts;

    ConfReload(Path file, ConfigLoader.Loaded started, Optional<SipRelay> sip, Optional<SmppRelay> smpp,
               ConsentGate consent, MeterRegistry registry) {
        this.file = file;
        this.sip = sip;
        this.smpp = smpp;
        this.consent = consent;
        this.running = new HashMap<>(started.values().asMap());
        this.runningAccounts = started.config().smpp().accounts();
        this.applied = counter(registry, "applied");
        this.unchanged = counter(registry, "unchanged");
        this.invalid = counter(registry, "invalid");
    }

    private static Counter counter(MeterRegistry registry, String result) {
        return Counter.builder(RELOADS).tag(TAG_RESULT, result)
                .description("Conf reloads (SIGHUP or admin API) by result").register(registry);
    }

    /** Reads, validates, compares and applies; never throws for a bad file (the result says why). */
    synchronized ReloadResult reload() {
        ConfigLoader.Loaded next;
        try {
            next = ConfigLoader.load(file);
        } catch (ConfigException e) {
            invalid.increment();
            log.warn("conf reload refused, nothing changed: {}", e.getMessage());
            return ReloadResult.invalid(List.of(e.getMessage()));
        }
        Map<String, Object> nextValues = next.values().asMap();
        Reloader.Diff diff = Reloader.diff(running, nextValues);
        try {
            apply(diff, next.config());
        } catch (ConfigException e) {
            // a secret the new conf names cannot be read (a trunk's password): apply() reads the
            // secrets before it changes anything, so the running conf stands as it was
            invalid.increment();
            log.warn("conf reload refused, nothing changed: {}", e.getMessage());
            return ReloadResult.invalid(List.of(e.getMessage()));
        }
        if (diff.touches(LOGGING_LEVEL)) {
            Logging.setLevel(LoggingConfig.from(next.values()).level());
        }
        for (String key : diff.applied()) {
            Object value = nextValues.get(key);
            if (value == null) {
                running.remove(key);
            } else {
                running.put(key, value);
            }
        }
        (diff.applied().isEmpty() ? unchanged : applied).increment();
        log.info("conf reloaded from {}: applied {}; restart required for {}", file, diff.applied(),
                diff.restartRequired());
        return new ReloadResult(diff.applied(), diff.restartRequired(), List.of());
    }

    /**
     * Reads every secret it needs before the first change: a {@link ConfigException} leaves all as
     * it was. Trunk passwords are read again at every reload, changed conf or not, so that a
     * rotated password file takes effect with a reload.
     */
    private void apply(Reloader.Diff diff, GatewayConfig next) {
        boolean trunkSecrets = next.sip().trunks().stream().anyMatch(t -> t.auth().isPresent());
        if (diff.touches(SIP_TRUNKS) || diff.touches(SIP_ACL) || diff.touches(SIP_CARRIERS) || diff.touches(SIP_OVERLOAD)
                || trunkSecrets) {
            SipLiveOptions live = SipRelays.liveOptions(next.sip());
            sip.ifPresent(relay -> relay.reconfigure(live));
        }
        if (diff.touches(SMPP_ACCOUNTS)) {
            runningAccounts = withNewLimits(runningAccounts, next.smpp().accounts());
            smpp.ifPresent(relay -> relay.reconfigure(SmppRelays.accounts(runningAccounts)));
        }
        if (diff.touches(CONSENT_CACHE_MAX_TTL_SECONDS) && consent instanceof CachingConsentGate caching) {
            caching.maxCacheTtl(next.consent().cache().maxTtl());
        }
    }

    /**
     * The running accounts with the next conf's limits for the same system_id: only the limits are
     * live; a changed password or DLT rule waits for the restart like every other key.
     */
    static List<SmppConfig.Account> withNewLimits(List<SmppConfig.Account> running, List<SmppConfig.Account> next) {
        return running.stream().map(a -> next.stream().filter(n -> n.systemId().equals(a.systemId())).findFirst()
                        .map(n -> new SmppConfig.Account(a.systemId(), a.passwordSha256(), n.maxBinds(),
                                n.ratePerSecond(), n.burst(), a.requireDlt()))
                        .orElse(a))
                .toList();
    }
}
