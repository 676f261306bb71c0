package io.maskgate.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads {@code gateway.yaml} into a {@link GatewayConfig}: YAML -> {@link ConfigValues} (typed,
 * validated, defaulted) -> records (cross-key rules). Unknown keys are warned about once each.
 */
public final class ConfigLoader {

    private static final Logger log = LoggerFactory.getLogger(ConfigLoader.class);

    /** Conf files are small; a larger one is a mistake (or not a conf file). */
    static final int MAX_FILE_BYTES = 1024 * 1024;

    private ConfigLoader() {
    }

    /** The result and the values it came from (for the start-up log). */
    public record Loaded(GatewayConfig config, ConfigValues values) {
    }

    /** @throws ConfigException with the key path, or the file path when the file itself is unusable */
    public static Loaded load(Path file) {
        String text = read(file);
        return parse(file.toString(), text);
    }

    /** Parses conf text; {@code origin} names it in errors that concern the whole document. */
    public static Loaded parse(String origin, String text) {
        Map<?, ?> root = yaml(origin, text);
        ConfigValues values = GatewayConfigDef.DEF.parse(root);
        for (String unknown : values.unknownKeys()) {
            log.warn("{}: unknown configuration key '{}' ignored (typo? see the comments in conf/gateway.yaml)",
                    origin, unknown);
        }
        return new Loaded(GatewayConfig.from(values), values);
    }

    /** Logs the effective configuration, one key per line, sensitive values hidden. */
    public static void logResolved(ConfigValues values) {
        log.info("resolved configuration:\n  {}", String.join("\n  ", values.describe()));
    }

    private static String read(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new ConfigException(file.toString(), "larger than " + MAX_FILE_BYTES + " bytes; not a conf file?");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot read (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static Map<?, ?> yaml(String origin, String text) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(origin)
                .setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(10)
                .build();
        Object doc;
        try {
            doc = new Load(settings).loadFromString(text);
        } catch (YamlEngineException e) {
            throw new ConfigException(origin, "not valid YAML: " + e.getMessage(), e);
        }
        if (doc == null) {
            throw new ConfigException(origin, "is empty");
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new ConfigException(origin, "must be a YAML mapping of sections (node, admin, keystore, ...)");
        }
        return map;
    }
}
