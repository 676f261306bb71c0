package io.maskgate.server.config;

import static io.maskgate.server.config.ConfigType.BOOLEAN;
import static io.maskgate.server.config.ConfigType.INT;
import static io.maskgate.server.config.ConfigType.RECORD_LIST;
import static io.maskgate.server.config.ConfigType.STRING;
import static io.maskgate.server.config.ConfigType.STRING_LIST;
import static io.maskgate.server.config.Validators.between;
import static io.maskgate.server.config.Validators.host;
import static io.maskgate.server.config.Validators.matches;
import static io.maskgate.server.config.Validators.matchesQuietly;
import static io.maskgate.server.config.Validators.nonBlank;
import static io.maskgate.server.config.Validators.oneOf;
import static io.maskgate.server.config.Validators.port;

/**
 * Every key of {@code conf/gateway.yaml}: name, type, default, validator and doc, in one place.
 * The names are public API (operators write them); the shipped conf documents each one, and
 * {@code GatewayConfigDefTest} checks that it does.
 */
public final class GatewayConfigDef {

    public static final String NODE_ID = "node.id";

    public static final String ADMIN_LISTEN = "admin.listen";
    public static final String ADMIN_PORT = "admin.port";
    public static final String ADMIN_MAX_BODY_BYTES = "admin.maxBodyBytes";
    public static final String ADMIN_METRICS_PUBLIC = "admin.metricsPublic";
    public static final String ADMIN_TOKENS = "admin.tokens";
    public static final String ADMIN_TOKEN_NAME = "admin.tokens[].name";
    public static final String ADMIN_TOKEN_ROLE = "admin.tokens[].role";
    public static final String ADMIN_TOKEN_SHA256 = "admin.tokens[].sha256";

    public static final String KEYSTORE_FILE = "keystore.file";
    public static final String KEYSTORE_PASSWORD_ENV = "keystore.passwordEnv";
    public static final String KEYSTORE_PASSWORD_FILE = "keystore.passwordFile";
    public static final String KEYSTORE_CREATE_IF_MISSING = "keystore.createIfMissing";

    public static final String STORE_TYPE = "store.type";
    public static final String STORE_REDIS_URI = "store.redis.uri";
    public static final String STORE_REDIS_COMMAND_TIMEOUT_MS = "store.redis.commandTimeoutMs";
    public static final String STORE_REDIS_CONNECT_TIMEOUT_MS = "store.redis.connectTimeoutMs";
    public static final String STORE_REDIS_REQUEST_QUEUE_SIZE = "store.redis.requestQueueSize";

    public static final String NUMBERS_DEFAULT_COUNTRY_CODE = "numbers.defaultCountryCode";

    public static final String POOLS = "pools";
    public static final String POOL_NUMBERS = "pools.*.numbers";
    public static final String POOL_RANGES = "pools.*.ranges";

    public static final String SESSIONS_MAX_TTL_SECONDS = "sessions.maxTtlSeconds";
    public static final String SESSIONS_DEFAULT_TTL_SECONDS = "sessions.defaultTtlSeconds";

    public static final String SIP_UDP_LISTEN = "sip.udp.listen";
    public static final String SIP_UDP_PORT = "sip.udp.port";
    public static final String SIP_TCP_LISTEN = "sip.tcp.listen";
    public static final String SIP_TCP_PORT = "sip.tcp.port";
    public static final String SMPP_LISTEN = "smpp.listen";
    public static final String SMPP_PORT = "smpp.port";

    private static final int ONE_YEAR_SECONDS = 366 * 24 * 3600;

    /** The definition; immutable in practice (nothing outside this class adds keys). */
    public static final ConfigDef DEF = new ConfigDef()
            .define(NODE_ID, STRING, "maskgate-1", matches("[A-Za-z0-9._-]{1,64}", "1-64 chars of [A-Za-z0-9._-]"),
                    "Name of this gateway node in logs and metrics; unique per node when several share one Redis.")

            .define(ADMIN_LISTEN, STRING, "127.0.0.1", host(),
                    "Address the admin HTTP API binds to; keep it on a private interface.")
            .define(ADMIN_PORT, INT, 8080, port(), "Port of the admin HTTP API (0 = any free port).")
            .define(ADMIN_MAX_BODY_BYTES, INT, 65536, between(1024, 1024 * 1024),
                    "Largest request body accepted; larger requests get 413 before the body is buffered.")
            .define(ADMIN_METRICS_PUBLIC, BOOLEAN, false,
                    Validator.ANY, "When true, GET /metrics needs no token; otherwise it needs the operations role.")
            .defineOptional(ADMIN_TOKENS, RECORD_LIST, Validator.ANY,
                    "Bearer tokens allowed on the admin API, each {name, role, sha256}.")
            .defineRequired(ADMIN_TOKEN_NAME, STRING, matches("[A-Za-z0-9._-]{1,64}", "1-64 chars of [A-Za-z0-9._-]"),
                    "Who holds the token (shown in logs, never the token).")
            .defineRequired(ADMIN_TOKEN_ROLE, STRING, oneOf("provisioning", "operations", "privacy", "audit"),
                    "What the token may do.")
            .defineSensitive(ADMIN_TOKEN_SHA256, STRING, matchesQuietly("[0-9a-f]{64}", "64 lowercase hex chars"),
                    "Lowercase hex SHA-256 of the token; the token itself never appears in conf.")

            .defineRequired(KEYSTORE_FILE, STRING, nonBlank(), "Path of the key file (BCFKS).")
            .defineOptional(KEYSTORE_PASSWORD_ENV, STRING, matches("[A-Za-z_][A-Za-z0-9_]{0,127}", "an environment variable name"),
                    "Environment variable holding the key file password (exactly one of passwordEnv, passwordFile).")
            .defineOptional(KEYSTORE_PASSWORD_FILE, STRING, nonBlank(),
                    "File holding the key file password (exactly one of passwordEnv, passwordFile).")
            .define(KEYSTORE_CREATE_IF_MISSING, BOOLEAN, false, Validator.ANY,
                    "Create a new key file when none exists (quick start); never overwrites one.")

            .define(STORE_TYPE, STRING, "memory", oneOf("memory", "redis"),
                    "Session store: memory (one node, lost on restart) or redis (shared, survives restarts).")
            .defineOptional(STORE_REDIS_URI, STRING,
                    matches("(redis|rediss|redis-sentinel)://[^\\s]+", "a redis://, rediss:// or redis-sentinel:// URI"),
                    "Redis URI; required when store.type is redis; must not carry a password.")
            .define(STORE_REDIS_COMMAND_TIMEOUT_MS, INT, 250, between(10, 60000),
                    "Longest wait for one Redis command before the request fails closed (503).")
            .define(STORE_REDIS_CONNECT_TIMEOUT_MS, INT, 1000, between(10, 60000), "Longest wait for a TCP connect to Redis.")
            .define(STORE_REDIS_REQUEST_QUEUE_SIZE, INT, 10_000, between(1, 1_000_000),
                    "Commands allowed in flight per connection; more are refused at once (503) instead of queueing.")

            .define(NUMBERS_DEFAULT_COUNTRY_CODE, INT, 91, between(1, 999),
                    "Country calling code assumed for numbers written without one.")

            .defineOptional(POOL_NUMBERS, STRING_LIST, Validator.ANY, "Proxy numbers of the pool, E.164.")
            .defineOptional(POOL_RANGES, STRING_LIST, Validator.ANY,
                    "Ranges of proxy numbers, each \"first-last\" in E.164, same length, at most "
                            + PoolsConfig.MAX_RANGE_SIZE + " numbers.")

            .define(SESSIONS_MAX_TTL_SECONDS, INT, 7 * 24 * 3600, between(60, ONE_YEAR_SECONDS),
                    "Longest session lifetime a client may ask for.")
            .define(SESSIONS_DEFAULT_TTL_SECONDS, INT, 2 * 3600, between(1, ONE_YEAR_SECONDS),
                    "Session lifetime when the request gives none; at most sessions.maxTtlSeconds.")

            .define(SIP_UDP_LISTEN, STRING, "0.0.0.0", host(), "SIP over UDP: bind address.")
            .define(SIP_UDP_PORT, INT, 5060, port(), "SIP over UDP: port.")
            .define(SIP_TCP_LISTEN, STRING, "0.0.0.0", host(), "SIP over TCP: bind address.")
            .define(SIP_TCP_PORT, INT, 5060, port(), "SIP over TCP: port.")
            .define(SMPP_LISTEN, STRING, "0.0.0.0", host(), "SMPP server face: bind address.")
            .define(SMPP_PORT, INT, 2775, port(), "SMPP server face: port.");

    private GatewayConfigDef() {
    }
}
