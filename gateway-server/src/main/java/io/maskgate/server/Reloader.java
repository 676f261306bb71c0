package io.maskgate.server;

import static io.maskgate.server.config.GatewayConfigDef.CONSENT_CACHE_MAX_TTL_SECONDS;
import static io.maskgate.server.config.GatewayConfigDef.LOGGING_LEVEL;
import static io.maskgate.server.config.GatewayConfigDef.SIP_ACL;
import static io.maskgate.server.config.GatewayConfigDef.SIP_CARRIERS;
import static io.maskgate.server.config.GatewayConfigDef.SIP_OVERLOAD;
import static io.maskgate.server.config.GatewayConfigDef.SIP_TRUNKS;
import static io.maskgate.server.config.GatewayConfigDef.SMPP_ACCOUNTS;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Compares the running conf with a newly read one, key by key, and sorts each changed key into
 * "applied live" or "needs a restart".
 *
 * <p>Why keys rather than the config records: the answer to ops must name conf keys
 * ({@code sip.trunks[1].weight}), which the records do not know, and a key someone adds tomorrow
 * is then reported as needing a restart without anyone touching this class. The live keys are
 * the short list below; the relays' {@code reconfigure} methods apply exactly those.
 */
final class Reloader {

    /**
     * Keys applied without a restart: trunks and named carriers (all of each entry), the carrier
     * ACL, overload thresholds, consent TTL cap.
     */
    private static final List<Pattern> LIVE = List.of(
            Pattern.compile(Pattern.quote(SIP_TRUNKS) + "(\\[\\d+]\\..+)?"),
            Pattern.compile(Pattern.quote(SIP_ACL)),
            Pattern.compile(Pattern.quote(SIP_CARRIERS) + "(\\[\\d+]\\..+)?"),
            Pattern.compile(Pattern.quote(SIP_OVERLOAD + ".") + ".+"),
            // per-account limits; an account's system_id, password or DLT rule need a restart
            Pattern.compile(Pattern.quote(SMPP_ACCOUNTS) + "\\[\\d+]\\.(ratePerSecond|burst|maxBinds)"),
            Pattern.compile(Pattern.quote(CONSENT_CACHE_MAX_TTL_SECONDS)),
            Pattern.compile(Pattern.quote(LOGGING_LEVEL)));

    private Reloader() {
    }

    /** The changed keys of {@code next} against {@code running}, each list sorted. */
    static Diff diff(Map<String, Object> running, Map<String, Object> next) {
        TreeSet<String> keys = new TreeSet<>(running.keySet());
        keys.addAll(next.keySet());
        List<String> live = new ArrayList<>();
        List<String> restart = new ArrayList<>();
        for (String key : keys) {
            if (!Objects.equals(running.get(key), next.get(key))) {
                (isLive(key) ? live : restart).add(key);
            }
        }
        return new Diff(live, restart);
    }

    static boolean isLive(String key) {
        return LIVE.stream().anyMatch(p -> p.matcher(key).matches());
    }

    /** @param applied keys to apply now; {@code restartRequired} keys left as they run */
    record Diff(List<String> applied, List<String> restartRequired) {
        Diff {
            applied = List.copyOf(applied);
            restartRequired = List.copyOf(restartRequired);
        }

        boolean touches(String prefix) {
            return applied.stream().anyMatch(k -> k.equals(prefix) || k.startsWith(prefix + "[")
                    || k.startsWith(prefix + "."));
        }
    }
}
