package io.maskgate.server.config;

import static io.maskgate.server.config.ConfigType.BOOLEAN;
import static io.maskgate.server.config.ConfigType.INT;
import static io.maskgate.server.config.ConfigType.RECORD_LIST;
import static io.maskgate.server.config.ConfigType.STRING;
import static io.maskgate.server.config.ConfigType.STRING_LIST;
import static io.maskgate.server.config.Validators.between;
import static io.maskgate.server.config.Validators.host;
import static io.maskgate.server.config.Validators.ipBlocks;
import static io.maskgate.server.config.Validators.ipLiteral;
import static io.maskgate.server.config.Validators.matches;
import static io.maskgate.server.config.Validators.matchesQuietly;
import static io.maskgate.server.config.Validators.nonBlank;
import static io.maskgate.server.config.Validators.oneOf;
import static io.maskgate.server.config.Validators.port;

import java.util.List;

/**
 * Every key of {@code conf/gateway.yaml}: name, type, default, validator and doc, in one place.
 * The names are public API (operators write them); the shipped conf documents each one, and
 * {@code GatewayConfigDefTest} checks that it does.
 */
public final class GatewayConfigDef {

    public static final String NODE_ID = "node.id";

    public static final String LOGGING_FORMAT = "logging.format";
    public static final String LOGGING_LEVEL = "logging.level";

    public static final String ADMIN_LISTEN = "admin.listen";
    public static final String ADMIN_PORT = "admin.port";
    public static final String ADMIN_MAX_BODY_BYTES = "admin.maxBodyBytes";
    public static final String ADMIN_METRICS_PUBLIC = "admin.metricsPublic";
    public static final String ADMIN_STATUS_PUBLIC = "admin.statusPublic";
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
    public static final String STORE_REDIS_PASSWORD_ENV = "store.redis.passwordEnv";
    public static final String STORE_REDIS_PASSWORD_FILE = "store.redis.passwordFile";

    public static final String NUMBERS_DEFAULT_COUNTRY_CODE = "numbers.defaultCountryCode";

    public static final String POOLS = "pools";
    public static final String POOL_NUMBERS = "pools.*.numbers";
    public static final String POOL_RANGES = "pools.*.ranges";

    public static final String SESSIONS_MAX_TTL_SECONDS = "sessions.maxTtlSeconds";
    public static final String SESSIONS_DEFAULT_TTL_SECONDS = "sessions.defaultTtlSeconds";
    public static final String SESSIONS_CLOSED_RETENTION_SECONDS = "sessions.closedRetentionSeconds";
    public static final String SESSIONS_OUT_OF_SESSION_SIP = "sessions.outOfSession.sip";
    public static final String SESSIONS_OUT_OF_SESSION_SIP_STATUS = "sessions.outOfSession.sipStatus";
    public static final String SESSIONS_OUT_OF_SESSION_SIP_REASON = "sessions.outOfSession.sipReason";
    public static final String SESSIONS_OUT_OF_SESSION_FALLBACK_NUMBER = "sessions.outOfSession.fallbackNumber";

    public static final String SIP_ENABLED = "sip.enabled";
    public static final String SIP_UDP_LISTEN = "sip.udp.listen";
    public static final String SIP_UDP_PORT = "sip.udp.port";
    public static final String SIP_TCP_LISTEN = "sip.tcp.listen";
    public static final String SIP_TCP_PORT = "sip.tcp.port";
    public static final String SIP_ADVERTISED_ADDRESS = "sip.advertisedAddress";
    public static final String SIP_UDP_MTU = "sip.udp.mtu";
    public static final String SIP_TCP_CONNECT_TIMEOUT_MS = "sip.tcp.connectTimeoutMs";
    public static final String SIP_TCP_MAX_CONNECTIONS = "sip.tcp.maxConnections";
    public static final String SIP_TLS_ENABLED = "sip.tls.enabled";
    public static final String SIP_TLS_LISTEN = "sip.tls.listen";
    public static final String SIP_TLS_PORT = "sip.tls.port";
    public static final String SIP_TLS_CERTIFICATE = "sip.tls.certificate";
    public static final String SIP_TLS_PRIVATE_KEY = "sip.tls.privateKey";
    public static final String SIP_TLS_TRUSTED_CAS = "sip.tls.trustedCas";
    public static final String SIP_TLS_CLIENT_AUTH = "sip.tls.clientAuth";
    public static final String SIP_UDP_RECEIVE_BUFFER_BYTES = "sip.udpReceiveBufferBytes";
    public static final String SIP_PARSER_WARM_UP_CALLS = "sip.parserWarmUpCalls";
    public static final String SIP_IO_THREADS = "sip.ioThreads";
    /** The prefix of the keys below, live on reload as a block. */
    public static final String SIP_OVERLOAD = "sip.overload";
    public static final String SIP_OVERLOAD_HOLD_RETRANSMISSIONS = "sip.overload.holdRetransmissionsAtQueuePercent";
    public static final String SIP_OVERLOAD_REJECT_NEW_CALLS = "sip.overload.rejectNewCallsAtQueuePercent";
    public static final String SIP_OVERLOAD_REJECT_NEW_CALLS_AFTER_MS = "sip.overload.rejectNewCallsAfterMs";
    public static final String SIP_OVERLOAD_ANSWER_OPTIONS_WITH_503 = "sip.overload.answerOptionsWith503";
    public static final String SIP_T1_MS = "sip.timers.t1Ms";
    public static final String SIP_T2_MS = "sip.timers.t2Ms";
    public static final String SIP_T4_MS = "sip.timers.t4Ms";
    public static final String SIP_MAX_TRANSACTIONS = "sip.maxTransactions";
    public static final String SIP_ACL = "sip.acl";
    public static final String SIP_CARRIERS = "sip.carriers";
    public static final String SIP_CARRIER_NAME = "sip.carriers[].name";
    public static final String SIP_CARRIER_ADDRESSES = "sip.carriers[].addresses";
    public static final String SIP_CARRIER_MAX_CALLS = "sip.carriers[].maxCalls";
    public static final String SIP_CARRIER_MAX_CALLS_PER_SECOND = "sip.carriers[].maxCallsPerSecond";
    public static final String SIP_CARRIER_TRUST_ASSERTED_IDENTITY = "sip.carriers[].trustAssertedIdentity";
    public static final String SIP_TRUST_ASSERTED_IDENTITY = "sip.trustAssertedIdentity";
    public static final String SIP_MAX_CALLS = "sip.maxCalls";
    public static final String SIP_MAX_CALL_SECONDS = "sip.maxCallSeconds";
    public static final String SIP_MIN_SESSION_INTERVAL_SECONDS = "sip.minSessionIntervalSeconds";
    public static final String SIP_RING_TIMEOUT_SECONDS = "sip.ringTimeoutSeconds";
    public static final String SIP_RETRY_AFTER_SECONDS = "sip.retryAfterSeconds";
    public static final String SIP_AUTH_ENABLED = "sip.auth.enabled";
    public static final String SIP_AUTH_REALM = "sip.auth.realm";
    public static final String SIP_AUTH_ALGORITHM = "sip.auth.algorithm";
    public static final String SIP_AUTH_NONCE_TTL_SECONDS = "sip.auth.nonceTtlSeconds";
    public static final String SIP_AUTH_USERS = "sip.auth.users";
    public static final String SIP_AUTH_USER_NAME = "sip.auth.users[].username";
    public static final String SIP_AUTH_USER_PASSWORD_ENV = "sip.auth.users[].passwordEnv";
    public static final String SIP_AUTH_USER_PASSWORD_FILE = "sip.auth.users[].passwordFile";
    public static final String SIP_TRUNKS = "sip.trunks";
    public static final String SIP_TRUNK_NAME = "sip.trunks[].name";
    public static final String SIP_TRUNK_HOST = "sip.trunks[].host";
    public static final String SIP_TRUNK_PORT = "sip.trunks[].port";
    public static final String SIP_TRUNK_TRANSPORT = "sip.trunks[].transport";
    public static final String SIP_TRUNK_PRIORITY = "sip.trunks[].priority";
    public static final String SIP_TRUNK_WEIGHT = "sip.trunks[].weight";
    public static final String SIP_TRUNK_ASSERT_IDENTITY = "sip.trunks[].assertIdentity";
    public static final String SIP_TRUNK_UDP_ONLY = "sip.trunks[].udpOnly";
    public static final String SIP_TRUNK_MAX_CALLS = "sip.trunks[].maxCalls";
    public static final String SIP_TRUNK_MAX_CALLS_PER_SECOND = "sip.trunks[].maxCallsPerSecond";
    public static final String SIP_TRUNK_AUTH_USERNAME = "sip.trunks[].authUsername";
    public static final String SIP_TRUNK_AUTH_PASSWORD_ENV = "sip.trunks[].authPasswordEnv";
    public static final String SIP_TRUNK_AUTH_PASSWORD_FILE = "sip.trunks[].authPasswordFile";
    public static final String SIP_TRUNK_AUTH_AHEAD = "sip.trunks[].authAhead";
    public static final String SIP_TRUNK_HEALTH_INTERVAL_SECONDS = "sip.trunkHealth.intervalSeconds";
    public static final String SIP_TRUNK_HEALTH_FAILURES_TO_DOWN = "sip.trunkHealth.failuresToDown";
    public static final String SIP_TRUNK_HEALTH_SUCCESSES_TO_UP = "sip.trunkHealth.successesToUp";

    public static final String SMPP_ENABLED = "smpp.enabled";
    public static final String SMPP_LISTEN = "smpp.listen";
    public static final String SMPP_PORT = "smpp.port";
    public static final String SMPP_TLS_ENABLED = "smpp.tls.enabled";
    public static final String SMPP_TLS_PORT = "smpp.tls.port";
    public static final String SMPP_TLS_CERTIFICATE = "smpp.tls.certificate";
    public static final String SMPP_TLS_PRIVATE_KEY = "smpp.tls.privateKey";
    public static final String SMPP_TLS_TRUSTED_CAS = "smpp.tls.trustedCas";
    public static final String SMPP_TLS_CLIENT_AUTH = "smpp.tls.clientAuth";
    public static final String SMPP_MAX_COMMAND_LENGTH = "smpp.maxCommandLength";
    public static final String SMPP_WINDOW_SIZE = "smpp.windowSize";
    public static final String SMPP_MAX_PENDING_BINDS = "smpp.maxPendingBinds";
    public static final String SMPP_BIND_TIMEOUT_SECONDS = "smpp.bindTimeoutSeconds";
    public static final String SMPP_IDLE_TIMEOUT_SECONDS = "smpp.idleTimeoutSeconds";
    public static final String SMPP_SUBMIT_TIMEOUT_SECONDS = "smpp.submitTimeoutSeconds";
    public static final String SMPP_SOURCE_TON = "smpp.sourceTon";
    public static final String SMPP_SOURCE_NPI = "smpp.sourceNpi";
    public static final String SMPP_MO_SYSTEM_ID = "smpp.moSystemId";
    public static final String SMPP_RECEIPTS_TTL_HOURS = "smpp.receipts.ttlHours";
    public static final String SMPP_RECEIPTS_MAX_ENTRIES = "smpp.receipts.maxEntries";
    public static final String SMPP_DLT_ENTITY_ID_TAG = "smpp.dlt.entityIdTag";
    public static final String SMPP_DLT_TEMPLATE_ID_TAG = "smpp.dlt.templateIdTag";
    public static final String SMPP_UPSTREAM_RESPONSE_TIMEOUT_SECONDS = "smpp.upstreamResponseTimeoutSeconds";
    public static final String SMPP_UPSTREAM_MAX_IN_FLIGHT = "smpp.upstreamMaxInFlight";
    public static final String SMPP_ACCOUNTS = "smpp.accounts";
    public static final String SMPP_ACCOUNT_SYSTEM_ID = "smpp.accounts[].systemId";
    public static final String SMPP_ACCOUNT_PASSWORD_SHA256 = "smpp.accounts[].passwordSha256";
    public static final String SMPP_ACCOUNT_MAX_BINDS = "smpp.accounts[].maxBinds";
    public static final String SMPP_ACCOUNT_RATE_PER_SECOND = "smpp.accounts[].ratePerSecond";
    public static final String SMPP_ACCOUNT_BURST = "smpp.accounts[].burst";
    public static final String SMPP_ACCOUNT_REQUIRE_DLT = "smpp.accounts[].requireDlt";
    public static final String SMPP_UPSTREAMS = "smpp.upstreams";
    public static final String SMPP_UPSTREAM_NAME = "smpp.upstreams[].name";
    public static final String SMPP_UPSTREAM_HOST = "smpp.upstreams[].host";
    public static final String SMPP_UPSTREAM_PORT = "smpp.upstreams[].port";
    public static final String SMPP_UPSTREAM_SYSTEM_ID = "smpp.upstreams[].systemId";
    public static final String SMPP_UPSTREAM_SYSTEM_TYPE = "smpp.upstreams[].systemType";
    public static final String SMPP_UPSTREAM_PASSWORD_ENV = "smpp.upstreams[].passwordEnv";
    public static final String SMPP_UPSTREAM_PASSWORD_FILE = "smpp.upstreams[].passwordFile";
    public static final String SMPP_UPSTREAM_BINDS = "smpp.upstreams[].binds";
    public static final String SMPP_UPSTREAM_MAX_SUBMITS_PER_SECOND = "smpp.upstreams[].maxSubmitsPerSecond";
    public static final String SMPP_UPSTREAM_TLS = "smpp.upstreams[].tls";
    public static final String SMPP_UPSTREAM_TRUSTED_CAS = "smpp.upstreams[].trustedCas";
    public static final String SMPP_UPSTREAM_ENQUIRE_LINK_SECONDS = "smpp.upstreams[].enquireLinkSeconds";

    public static final String CONSENT_TYPE = "consent.type";
    public static final String CONSENT_STATIC_DEFAULT = "consent.static.default";
    public static final String CONSENT_STATIC_RULES = "consent.static.rules";
    public static final String CONSENT_RULE_PURPOSE = "consent.static.rules[].purpose";
    public static final String CONSENT_RULE_CHANNEL = "consent.static.rules[].channel";
    public static final String CONSENT_RULE_SUBJECT_PREFIX = "consent.static.rules[].subjectPrefix";
    public static final String CONSENT_RULE_DECISION = "consent.static.rules[].decision";
    public static final String CONSENT_HTTP_BASE_URL = "consent.http.baseUrl";
    public static final String CONSENT_HTTP_TIMEOUT_MS = "consent.http.timeoutMs";
    public static final String CONSENT_HTTP_CONNECT_TIMEOUT_MS = "consent.http.connectTimeoutMs";
    public static final String CONSENT_HTTP_TOKEN_ENV = "consent.http.tokenEnv";
    public static final String CONSENT_HTTP_TOKEN_FILE = "consent.http.tokenFile";
    public static final String CONSENT_CACHE_MAX_TTL_SECONDS = "consent.cache.maxTtlSeconds";
    public static final String CONSENT_CACHE_NEAR_TTL_SECONDS = "consent.cache.nearTtlSeconds";
    public static final String CONSENT_CACHE_NEAR_MAX_ENTRIES = "consent.cache.nearMaxEntries";
    public static final String CONSENT_CACHE_SOURCE_TIMEOUT_MS = "consent.cache.sourceTimeoutMs";
    public static final String CONSENT_CACHE_REDIS_TIMEOUT_MS = "consent.cache.redisTimeoutMs";
    public static final String CONSENT_CACHE_VERIFY_EPOCH = "consent.cache.verifyEpochOnNearHit";
    public static final String CONSENT_CACHE_EPOCH_RETENTION_SECONDS = "consent.cache.epochRetentionSeconds";
    public static final String CONSENT_WEBHOOK_SECRET_ENV = "consent.webhook.secretEnv";
    public static final String CONSENT_WEBHOOK_SECRET_FILE = "consent.webhook.secretFile";
    public static final String CONSENT_WEBHOOK_TOLERANCE_SECONDS = "consent.webhook.toleranceSeconds";

    public static final String AUDIT_FILE = "audit.file";
    public static final String AUDIT_FSYNC_EVERY_RECORDS = "audit.fsyncEveryRecords";
    public static final String AUDIT_FSYNC_INTERVAL_MS = "audit.fsyncIntervalMs";
    public static final String AUDIT_QUEUE_CAPACITY = "audit.queueCapacity";

    public static final String EVENTS_TYPE = "events.type";
    public static final String EVENTS_STREAM = "events.stream";
    public static final String EVENTS_MAX_LEN = "events.maxLen";
    public static final String EVENTS_MAX_IN_FLIGHT = "events.maxInFlight";

    public static final String SHUTDOWN_DRAIN_TIMEOUT_SECONDS = "shutdown.drainTimeoutSeconds";

    public static final String PRIVACY_RETENTION_DEFAULT_DAYS = "privacy.retention.defaultDays";
    public static final String PRIVACY_RETENTION_PURPOSES = "privacy.retention.purposes";
    public static final String PRIVACY_RETENTION_PURPOSE = "privacy.retention.purposes[].purpose";
    public static final String PRIVACY_RETENTION_PURPOSE_DAYS = "privacy.retention.purposes[].days";
    public static final String PRIVACY_RETENTION_KEY_EPOCH_HOURS = "privacy.retention.keyEpochHours";
    public static final String PRIVACY_RETENTION_INTERVAL_SECONDS = "privacy.retention.intervalSeconds";
    public static final String PRIVACY_MAX_EVENT_SCAN = "privacy.maxEventScan";

    private static final int ONE_YEAR_SECONDS = 366 * 24 * 3600;

    /** The definition; immutable in practice (nothing outside this class adds keys). */
    public static final ConfigDef DEF = new ConfigDef()
            .define(NODE_ID, STRING, "maskgate-1", matches("[A-Za-z0-9._-]{1,64}", "1-64 chars of [A-Za-z0-9._-]"),
                    "Name of this gateway node in logs and metrics; unique per node when several share one Redis.")
            .define(LOGGING_FORMAT, STRING, "plain", oneOf("plain", "json"),
                    "Log output on stdout: plain lines, or json (one object per line: time, level, logger, message).")
            .define(LOGGING_LEVEL, STRING, "info", oneOf("error", "warn", "info", "debug", "trace"),
                    "Level of the root logger; netty and lettuce stay at warn.")

            .define(ADMIN_LISTEN, STRING, "127.0.0.1", host(),
                    "Address the admin HTTP API binds to; keep it on a private interface.")
            .define(ADMIN_PORT, INT, 8080, port(), "Port of the admin HTTP API (0 = any free port).")
            .define(ADMIN_MAX_BODY_BYTES, INT, 65536, between(1024, 1024 * 1024),
                    "Largest request body accepted; larger requests get 413 before the body is buffered.")
            .define(ADMIN_METRICS_PUBLIC, BOOLEAN, false,
                    Validator.ANY, "When true, GET /metrics needs no token; otherwise it needs the operations role.")
            .define(ADMIN_STATUS_PUBLIC, BOOLEAN, true, Validator.ANY,
                    "When true, GET /status.json (the status page's data: aggregates only) needs no token; "
                            + "otherwise it needs the operations role.")
            .defineOptional(ADMIN_TOKENS, RECORD_LIST, Validator.ANY,
                    "Bearer tokens allowed on the admin API, each {name, role, sha256}.")
            .defineRequired(ADMIN_TOKEN_NAME, STRING, matches("[A-Za-z0-9._-]{1,64}", "1-64 chars of [A-Za-z0-9._-]"),
                    "Who holds the token (shown in logs, never the token).")
            .defineRequired(ADMIN_TOKEN_ROLE, STRING, oneOf("provisioning", "operations", "privacy", "audit", "break-glass"),
                    "What the token may do; break-glass alone may reveal a session's real numbers (each use logged).")
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
            .defineOptional(STORE_REDIS_PASSWORD_ENV, STRING, envName(),
                    "Environment variable holding the Redis AUTH password (at most one of passwordEnv, passwordFile).")
            .defineOptional(STORE_REDIS_PASSWORD_FILE, STRING, nonBlank(),
                    "File holding the Redis AUTH password, re-read at every reconnect.")

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
            .define(SESSIONS_CLOSED_RETENTION_SECONDS, INT, 7 * 24 * 3600, between(1, ONE_YEAR_SECONDS),
                    "How long a closed or expired session's (encrypted) record stays readable by GET, with its "
                            + "status and close reason; its routing entries go at once.")
            .define(SESSIONS_OUT_OF_SESSION_SIP, STRING, "respond", oneOf("respond", "redirect"),
                    "A call from someone who is not a participant of a live session on the dialled number: "
                            + "respond (sessions.outOfSession.sipStatus) or redirect to "
                            + "sessions.outOfSession.fallbackNumber. SMS is always refused.")
            .define(SESSIONS_OUT_OF_SESSION_SIP_STATUS, INT, 404, sipStatusIn(SessionsConfig.OUT_OF_SESSION_STATUSES),
                    "SIP status answered to an out-of-session caller with sip: respond.")
            .defineOptional(SESSIONS_OUT_OF_SESSION_SIP_REASON, STRING,
                    matches(SessionsConfig.REASON_PHRASE, "1-64 letters, spaces or ,.'/- (no digits)"),
                    "Reason phrase of that status; default the standard one.")
            .defineOptional(SESSIONS_OUT_OF_SESSION_FALLBACK_NUMBER, STRING,
                    matchesQuietly("\\+[1-9][0-9]{6,14}", "a number in E.164 (+ and 7-15 digits)"),
                    "Where sip: redirect places out-of-session calls (e.g. the support line), E.164; required "
                            + "with redirect. The caller sees nothing of a participant; the fallback line sees "
                            + "the proxy number as caller id, never the caller's number.")

            .define(SIP_ENABLED, BOOLEAN, true, Validator.ANY,
                    "Run the SIP relay (B2BUA between carriers and the callee trunks).")
            .define(SIP_UDP_LISTEN, STRING, "127.0.0.1", host(),
                    "SIP over UDP: bind address; loopback unless exposing SIP is a deliberate choice.")
            .define(SIP_UDP_PORT, INT, 5060, port(), "SIP over UDP: port (0 = any free port).")
            .define(SIP_TCP_LISTEN, STRING, "127.0.0.1", host(), "SIP over TCP: bind address.")
            .define(SIP_TCP_PORT, INT, 5060, port(), "SIP over TCP: port (0 = any free port).")
            .define(SIP_UDP_MTU, INT, 1500, between(576, 65535),
                    "Path MTU; a request over UDP larger than mtu - 200 bytes goes over TCP (RFC 3261 18.1.1).")
            .define(SIP_TCP_CONNECT_TIMEOUT_MS, INT, 2000, between(1, 60_000),
                    "Time to open an outbound TCP/TLS connection (TLS handshake included); then the trunk fails over.")
            .define(SIP_TCP_MAX_CONNECTIONS, INT, 10_000, between(1, 1_000_000),
                    "Most SIP TCP/TLS connections open at once, accepted and opened; a connection beyond it is closed at once.")
            .define(SIP_TLS_ENABLED, BOOLEAN, false, Validator.ANY,
                    "SIP over TLS listener (and our certificate for TLS trunks); needs certificate and privateKey.")
            .define(SIP_TLS_LISTEN, STRING, "127.0.0.1", host(), "SIP over TLS: bind address.")
            .define(SIP_TLS_PORT, INT, 5061, port(), "SIP over TLS: port (0 = any free port).")
            .defineOptional(SIP_TLS_CERTIFICATE, STRING, nonBlank(),
                    "PEM file: our certificate, then its intermediates.")
            .defineOptional(SIP_TLS_PRIVATE_KEY, STRING, nonBlank(),
                    "PEM file: the certificate's private key, unencrypted (PKCS#8, PKCS#1 or SEC1); mode 0600.")
            .defineOptional(SIP_TLS_TRUSTED_CAS, STRING, nonBlank(),
                    "PEM file of CAs that carrier and trunk certificates must chain to; default the JVM's CAs.")
            .define(SIP_TLS_CLIENT_AUTH, STRING, "none", oneOf("none", "optional", "required"),
                    "Mutual TLS with carriers: none, optional or required (the last two need trustedCas).")
            .defineOptional(SIP_ADVERTISED_ADDRESS, STRING, ipLiteral(),
                    "IP address written in our Via and Contact; required when a listen address is 0.0.0.0 or ::.")
            .define(SIP_UDP_RECEIVE_BUFFER_BYTES, INT, 4 * 1024 * 1024, between(64 * 1024, 256 * 1024 * 1024),
                    "SO_RCVBUF asked for on each UDP socket (the kernel caps it at net.core.rmem_max).")
            .define(SIP_PARSER_WARM_UP_CALLS, INT, 5_000, between(0, 1_000_000),
                    "Calls' worth of typical SIP messages parsed at start, before the SIP ports open, so that"
                            + " the first carrier traffic meets a compiled parser; 0 skips it.")
            .define(SIP_IO_THREADS, INT, 0, between(0, 256),
                    "SIP event loops (threads that read, handle and send SIP); 0 = one per CPU core.")
            .define(SIP_OVERLOAD_HOLD_RETRANSMISSIONS, INT, 10, between(0, 100),
                    "Share of a UDP receive buffer, percent, holding unread datagrams from which the relay sends"
                            + " none of its own retransmissions (the answers may be in the queue); 0 = never hold.")
            .define(SIP_OVERLOAD_REJECT_NEW_CALLS, INT, 25, between(0, 100),
                    "Share of a UDP receive buffer, percent, holding unread datagrams from which new INVITEs are"
                            + " answered 503 with Retry-After before any lookup, once it has stayed there"
                            + " sip.overload.rejectNewCallsAfterMs: none at this fill, rising to all at twice it;"
                            + " 0 = never.")
            .define(SIP_OVERLOAD_REJECT_NEW_CALLS_AFTER_MS, INT, 250, between(0, 60_000),
                    "How long, ms, a receive queue must stay past sip.overload.rejectNewCallsAtQueuePercent before"
                            + " new INVITEs are refused: shorter backlogs (a GC pause, a host stall) are worked off.")
            .define(SIP_OVERLOAD_ANSWER_OPTIONS_WITH_503, BOOLEAN, false, Validator.ANY,
                    "While new INVITEs are refused for a receive backlog, answer out-of-dialog OPTIONS (carriers'"
                            + " keep-alives, dispatcher probes) 503 with Retry-After too, so that a carrier moves its"
                            + " traffic to other nodes; off: a cluster whose nodes are all behind would be marked"
                            + " down at once.")
            .define(SIP_T1_MS, INT, 500, between(10, 10_000), "RFC 3261 T1, the round-trip estimate, ms.")
            .define(SIP_T2_MS, INT, 4000, between(10, 60_000),
                    "RFC 3261 T2, the longest retransmit interval, ms; at least sip.timers.t1Ms.")
            .define(SIP_T4_MS, INT, 5000, between(10, 60_000),
                    "RFC 3261 T4, the longest time a message stays in the network, ms.")
            .define(SIP_MAX_TRANSACTIONS, INT, 300_000, between(1, 10_000_000),
                    "Live SIP transactions at once, finished ones waiting out their timers included; a new"
                            + " call beyond it gets 503 (in-dialog requests may use a reserve of a quarter"
                            + " more). Over UDP a call keeps ~70 transaction-seconds"
                            + " (~1 KB each): size it at 70 x the sustained calls per second, or more.")
            .define(SIP_ACL, STRING_LIST, List.of("127.0.0.0/8", "::1"), ipBlocks(),
                    "Address blocks (CIDR, IP literals only) of the carriers allowed to send INVITEs; others get 403.")
            .defineOptional(SIP_CARRIERS, RECORD_LIST, Validator.ANY,
                    "Carriers named within sip.acl, each {name, addresses, maxCalls, maxCallsPerSecond,"
                            + " trustAssertedIdentity}: meters per carrier, the calls each bought, and whether its"
                            + " P-Asserted-Identity is trusted; matched in order, first match.")
            .defineRequired(SIP_CARRIER_NAME, STRING, matches("[A-Za-z0-9._-]{1,64}", "1-64 chars of [A-Za-z0-9._-]"),
                    "Label in logs and metrics (maskgate_sip_carrier_calls_total{carrier}).")
            .defineRequired(SIP_CARRIER_ADDRESSES, STRING_LIST, ipBlocks(),
                    "Address blocks (CIDR, IP literals only) the carrier's INVITEs come from; each within sip.acl.")
            .define(SIP_CARRIER_MAX_CALLS, INT, 0, between(0, 1_000_000),
                    "Calls from the carrier at once, ringing or answered (the channels it bought); more get 503. 0: no limit.")
            .define(SIP_CARRIER_MAX_CALLS_PER_SECOND, INT, 0, between(0, 1_000_000),
                    "New calls a second from the carrier (its CPS), burst of one second's worth; more get 503. 0: no limit.")
            .defineOptional(SIP_CARRIER_TRUST_ASSERTED_IDENTITY, BOOLEAN, Validator.ANY,
                    "This carrier's own sip.trustAssertedIdentity: false for one that passes its customers'"
                            + " P-Asserted-Identity on unchecked. Absent: sip.trustAssertedIdentity.")
            .define(SIP_TRUST_ASSERTED_IDENTITY, BOOLEAN, true, Validator.ANY,
                    "Take the caller from a trusted carrier's P-Asserted-Identity rather than From (RFC 3325).")
            .define(SIP_MAX_CALLS, INT, 50_000, between(1, 10_000_000), "Calls in progress at once; more get 503.")
            .define(SIP_MAX_CALL_SECONDS, INT, 4 * 3600, between(1, 7 * 86_400),
                    "Longest call; a call still up then is ended with BYE on both legs.")
            .define(SIP_MIN_SESSION_INTERVAL_SECONDS, INT, 90, between(1, 86_400),
                    "Floor of the RFC 4028 session interval the gateway times; a call not refreshed in time gets BYE.")
            .define(SIP_RING_TIMEOUT_SECONDS, INT, 180, between(1, 3600),
                    "Longest ring; then the callee's INVITE is cancelled and the caller gets 408.")
            .define(SIP_RETRY_AFTER_SECONDS, INT, 10, between(1, 3600),
                    "Retry-After of the 503 sent when the session store or consent is unavailable, or on overload.")
            .define(SIP_AUTH_ENABLED, BOOLEAN, false, Validator.ANY,
                    "Challenge every new INVITE that passed sip.acl for digest credentials (407), and refuse wrong"
                            + " ones with 403; on top of the ACL, never instead of it.")
            .define(SIP_AUTH_REALM, STRING, "maskgate", matches("[A-Za-z0-9._@-]{1,64}", "1-64 chars of [A-Za-z0-9._@-]"),
                    "The realm named in challenges; carriers configure it with their credentials.")
            .define(SIP_AUTH_ALGORITHM, STRING, "MD5", oneOf("MD5", "SHA-256"),
                    "The digest algorithm challenges name and answers must use: MD5, which carrier equipment"
                            + " answers, or SHA-256 (RFC 8760) where every carrier supports it.")
            .define(SIP_AUTH_NONCE_TTL_SECONDS, INT, 30, between(5, 300),
                    "How long a nonce is honoured; an older one gets a new challenge with stale=true. Accepted"
                            + " answers are remembered as long, to refuse a replay.")
            .defineOptional(SIP_AUTH_USERS, RECORD_LIST, Validator.ANY,
                    "Carrier accounts, each {username, passwordEnv | passwordFile}; needed when sip.auth.enabled.")
            .defineRequired(SIP_AUTH_USER_NAME, STRING, matches("[A-Za-z0-9._@+-]{1,64}", "1-64 chars of [A-Za-z0-9._@+-]"),
                    "The digest username the carrier sends.")
            .defineOptional(SIP_AUTH_USER_PASSWORD_ENV, STRING, envName(),
                    "Environment variable holding the account's password (exactly one of passwordEnv, passwordFile).")
            .defineOptional(SIP_AUTH_USER_PASSWORD_FILE, STRING, nonBlank(),
                    "File holding the account's password, read at start (exactly one of passwordEnv, passwordFile).")
            .defineOptional(SIP_TRUNKS, RECORD_LIST, Validator.ANY,
                    "Outbound trunks towards callees, each {name, host, port, transport, priority, weight, assertIdentity}.")
            .defineRequired(SIP_TRUNK_NAME, STRING, matches("[A-Za-z0-9._-]{1,64}", "1-64 chars of [A-Za-z0-9._-]"),
                    "Label in logs, metrics and /health/ready.")
            .defineRequired(SIP_TRUNK_HOST, STRING, ipLiteral(),
                    "The trunk's IP address; host names are refused (no DNS lookups at call time).")
            .define(SIP_TRUNK_PORT, INT, 5060, between(1, 65535), "The trunk's SIP port.")
            .define(SIP_TRUNK_TRANSPORT, STRING, "udp", oneOf("udp", "tcp", "tls"),
                    "Transport towards the trunk: udp, tcp or tls (tls needs sip.tls trust settings for its certificate).")
            .define(SIP_TRUNK_PRIORITY, INT, 10, between(0, 65535), "Lower is tried first (RFC 2782 style).")
            .define(SIP_TRUNK_WEIGHT, INT, 1, between(1, 65535), "Share of calls among trunks of equal priority.")
            .define(SIP_TRUNK_ASSERT_IDENTITY, BOOLEAN, false, Validator.ANY,
                    "Send P-Asserted-Identity = the proxy number on calls to this trunk.")
            .define(SIP_TRUNK_UDP_ONLY, BOOLEAN, false, Validator.ANY,
                    "The trunk takes UDP only: requests too large for UDP stay on UDP instead of moving to TCP.")
            .define(SIP_TRUNK_MAX_CALLS, INT, 0, between(0, 1_000_000),
                    "Calls the trunk takes at once (its channels); a call finding them taken tries the next trunk. 0: no limit.")
            .define(SIP_TRUNK_MAX_CALLS_PER_SECOND, INT, 0, between(0, 1_000_000),
                    "New calls a second the trunk takes (its CPS); a call over it tries the next trunk. 0: no limit.")
            .defineOptional(SIP_TRUNK_AUTH_USERNAME, STRING, matches("[A-Za-z0-9._@+-]{1,64}", "1-64 chars of [A-Za-z0-9._@+-]"),
                    "Username answering the trunk's digest challenges (401/407); none: the trunk trusts our address.")
            .defineOptional(SIP_TRUNK_AUTH_PASSWORD_ENV, STRING, envName(),
                    "Environment variable holding the trunk account's password (with authUsername; or authPasswordFile).")
            .defineOptional(SIP_TRUNK_AUTH_PASSWORD_FILE, STRING, nonBlank(),
                    "File holding the trunk account's password (with authUsername; or authPasswordEnv).")
            .define(SIP_TRUNK_AUTH_AHEAD, BOOLEAN, false, Validator.ANY,
                    "Answer the trunk's last INVITE challenge again on its next INVITEs (same nonce, next nonce"
                            + " count), before it challenges them; for trunks that take a nonce more than once.")
            .define(SIP_TRUNK_HEALTH_INTERVAL_SECONDS, INT, 10, between(0, 3600),
                    "OPTIONS ping to every trunk this often; 0 = no pings (every trunk stays up).")
            .define(SIP_TRUNK_HEALTH_FAILURES_TO_DOWN, INT, 3, between(1, 100),
                    "Failed pings in a row (timeout, transport error, 503) before a trunk is down.")
            .define(SIP_TRUNK_HEALTH_SUCCESSES_TO_UP, INT, 1, between(1, 100),
                    "Answered pings in a row before a down trunk is up again.")
            .define(SMPP_ENABLED, BOOLEAN, true, Validator.ANY,
                    "Run the SMPP relay (server face for ESMEs, client face to upstream SMSCs).")
            .define(SMPP_LISTEN, STRING, "127.0.0.1", host(), "SMPP server face: bind address.")
            .define(SMPP_PORT, INT, 2775, port(), "SMPP server face: port (0 = any free port).")
            .define(SMPP_TLS_ENABLED, BOOLEAN, false, Validator.ANY,
                    "A second, TLS listener of the server face on smpp.listen; needs certificate and privateKey.")
            .define(SMPP_TLS_PORT, INT, 3550, port(), "SMPP over TLS: port (0 = any free port).")
            .defineOptional(SMPP_TLS_CERTIFICATE, STRING, nonBlank(),
                    "PEM file: our certificate, then intermediates (also presented to TLS upstreams that ask).")
            .defineOptional(SMPP_TLS_PRIVATE_KEY, STRING, nonBlank(),
                    "PEM file: the certificate's private key, unencrypted; mode 0600.")
            .defineOptional(SMPP_TLS_TRUSTED_CAS, STRING, nonBlank(),
                    "PEM file of CAs that ESME client certificates must chain to (clientAuth: required).")
            .define(SMPP_TLS_CLIENT_AUTH, STRING, "none", oneOf("none", "required"),
                    "Mutual TLS with ESMEs: none or required (required needs trustedCas).")
            .define(SMPP_MAX_COMMAND_LENGTH, INT, 65 * 1024, between(256, 1 << 20),
                    "Largest PDU command_length accepted, checked before any allocation (both faces).")
            .define(SMPP_WINDOW_SIZE, INT, 10, between(1, 1000),
                    "Unanswered submit_sm per ESME bind before ESME_RTHROTTLED.")
            .define(SMPP_MAX_PENDING_BINDS, INT, 64, between(1, 10_000),
                    "Connections open and not yet bound at once; more are closed at once.")
            .define(SMPP_BIND_TIMEOUT_SECONDS, INT, 5, between(1, 300), "A connection must bind within this time.")
            .define(SMPP_IDLE_TIMEOUT_SECONDS, INT, 90, between(1, 86_400),
                    "A bind that sends nothing (not even enquire_link) for this long is closed.")
            .define(SMPP_SUBMIT_TIMEOUT_SECONDS, INT, 10, between(1, 300),
                    "Longest an ESME waits for its submit_sm_resp; above smpp.upstreamResponseTimeoutSeconds.")
            .define(SMPP_SOURCE_TON, INT, 1, between(0, 6), "TON of the proxy number presented as source_addr.")
            .define(SMPP_SOURCE_NPI, INT, 1, between(0, 18), "NPI of the proxy number presented as source_addr.")
            .defineOptional(SMPP_MO_SYSTEM_ID, STRING, matches("[\\x21-\\x7E]{1,15}", "1-15 printable ASCII chars"),
                    "ESME account that receives MO (deliver_sm); absent: MO is refused.")
            .define(SMPP_RECEIPTS_TTL_HOURS, INT, 72, between(1, 30 * 24),
                    "How long a message id stays mapped for its delivery receipt.")
            .define(SMPP_RECEIPTS_MAX_ENTRIES, INT, 100_000, between(1, 10_000_000),
                    "Message-id map size with store.type memory (oldest dropped beyond it).")
            .define(SMPP_DLT_ENTITY_ID_TAG, INT, 0x1400, between(0x1400, 0x3FFF),
                    "TLV tag carrying the DLT principal entity id (PE_ID).")
            .define(SMPP_DLT_TEMPLATE_ID_TAG, INT, 0x1401, between(0x1400, 0x3FFF),
                    "TLV tag carrying the DLT content template id.")
            .define(SMPP_UPSTREAM_RESPONSE_TIMEOUT_SECONDS, INT, 5, between(1, 60),
                    "Longest wait for an upstream SMSC's bind_resp or submit_sm_resp.")
            .define(SMPP_UPSTREAM_MAX_IN_FLIGHT, INT, 64, between(1, 10_000),
                    "submit_sm in flight towards all upstreams together; more are refused (ESME_RTHROTTLED).")
            .defineOptional(SMPP_ACCOUNTS, RECORD_LIST, Validator.ANY,
                    "ESME accounts allowed to bind, each {systemId, passwordSha256, maxBinds, ratePerSecond, burst, requireDlt}.")
            .defineRequired(SMPP_ACCOUNT_SYSTEM_ID, STRING, matches("[\\x21-\\x7E]{1,15}", "1-15 printable ASCII chars"),
                    "The ESME's system_id.")
            .defineSensitive(SMPP_ACCOUNT_PASSWORD_SHA256, STRING, matchesQuietly("[0-9a-f]{64}", "64 lowercase hex chars"),
                    "Lowercase hex SHA-256 of the ESME's password; the password itself never appears in conf.")
            .define(SMPP_ACCOUNT_MAX_BINDS, INT, 4, between(1, 1000), "Binds the account may hold at once.")
            .define(SMPP_ACCOUNT_RATE_PER_SECOND, INT, 0, between(0, 1_000_000),
                    "Sustained submit_sm per second over all the account's binds; 0 = unlimited.")
            .define(SMPP_ACCOUNT_BURST, INT, 0, between(0, 1_000_000),
                    "submit_sm accepted at once after a quiet period; 0 = same as ratePerSecond.")
            .define(SMPP_ACCOUNT_REQUIRE_DLT, BOOLEAN, false, Validator.ANY,
                    "Refuse this account's submit_sm without both DLT TLVs (before routing).")
            .defineOptional(SMPP_UPSTREAMS, RECORD_LIST, Validator.ANY,
                    "Upstream SMSCs we bind to as transceiver, each {name, host, port, systemId, passwordEnv | "
                            + "passwordFile, systemType, binds, enquireLinkSeconds}.")
            .defineRequired(SMPP_UPSTREAM_NAME, STRING, matches("[a-z0-9_-]{1,32}", "1-32 chars of [a-z0-9_-]"),
                    "Label in logs and metrics; also namespaces its message ids, so keep it stable.")
            .defineRequired(SMPP_UPSTREAM_HOST, STRING, host(), "SMSC host name or IP address.")
            .define(SMPP_UPSTREAM_PORT, INT, 2775, between(1, 65535), "SMSC port.")
            .defineRequired(SMPP_UPSTREAM_SYSTEM_ID, STRING, matches("[\\x21-\\x7E]{1,15}", "1-15 printable ASCII chars"),
                    "system_id we bind with.")
            .define(SMPP_UPSTREAM_SYSTEM_TYPE, STRING, "", matches("[\\x21-\\x7E]{0,12}", "0-12 printable ASCII chars"),
                    "system_type we bind with (most SMSCs want it empty).")
            .defineOptional(SMPP_UPSTREAM_PASSWORD_ENV, STRING, envName(),
                    "Environment variable holding the bind password (exactly one of passwordEnv, passwordFile).")
            .defineOptional(SMPP_UPSTREAM_PASSWORD_FILE, STRING, nonBlank(),
                    "File holding the bind password, re-read at every bind (exactly one of passwordEnv, passwordFile).")
            .define(SMPP_UPSTREAM_BINDS, INT, 1, between(1, 64), "Transceiver binds kept to this SMSC.")
            .define(SMPP_UPSTREAM_MAX_SUBMITS_PER_SECOND, INT, 0, between(0, 1_000_000),
                    "submit_sm a second this SMSC takes over all our binds (its TPS); beyond it ESME_RTHROTTLED. 0: no limit.")
            .define(SMPP_UPSTREAM_TLS, BOOLEAN, false, Validator.ANY,
                    "Bind over TLS; the SMSC's certificate must chain to trustedCas and name host.")
            .defineOptional(SMPP_UPSTREAM_TRUSTED_CAS, STRING, nonBlank(),
                    "PEM file of CAs for this SMSC's certificate; default the JVM's CAs.")
            .define(SMPP_UPSTREAM_ENQUIRE_LINK_SECONDS, INT, 30, between(1, 3600),
                    "enquire_link after this much silence on a bind; the same for every upstream for now.")

            .define(CONSENT_TYPE, STRING, "static", oneOf("static", "http"),
                    "Consent source: static (rules below, quick start) or http (the consent platform; needs store.type redis).")
            .define(CONSENT_STATIC_DEFAULT, STRING, "denied", oneOf("granted", "denied"),
                    "Static consent: the answer when no rule matches.")
            .defineOptional(CONSENT_STATIC_RULES, RECORD_LIST, Validator.ANY,
                    "Static consent rules, first match wins, each {purpose, channel, subjectPrefix, decision}.")
            .define(CONSENT_RULE_PURPOSE, STRING, "*", nonBlank(), "Purpose the rule applies to, or * for any.")
            .define(CONSENT_RULE_CHANNEL, STRING, "*", oneOf("voice", "sms", "*"), "voice, sms or * for both.")
            .define(CONSENT_RULE_SUBJECT_PREFIX, STRING, "*", nonBlank(),
                    "The callee's participant id starts with this, or * for any.")
            .defineRequired(CONSENT_RULE_DECISION, STRING, oneOf("granted", "denied"), "What the rule answers.")
            .defineOptional(CONSENT_HTTP_BASE_URL, STRING, matches("https?://[^\\s?#]+", "an http:// or https:// URL"),
                    "Consent platform base URL; required when consent.type is http.")
            .define(CONSENT_HTTP_TIMEOUT_MS, INT, 300, between(10, 60_000), "Longest wait for the platform's answer.")
            .define(CONSENT_HTTP_CONNECT_TIMEOUT_MS, INT, 1000, between(10, 60_000), "Longest wait for a TCP connect.")
            .defineOptional(CONSENT_HTTP_TOKEN_ENV, STRING, envName(),
                    "Environment variable holding the platform's bearer token (at most one of tokenEnv, tokenFile).")
            .defineOptional(CONSENT_HTTP_TOKEN_FILE, STRING, nonBlank(),
                    "File holding the platform's bearer token, re-read per request.")
            .define(CONSENT_CACHE_MAX_TTL_SECONDS, INT, 300, between(1, 86_400),
                    "Longest a consent decision is reused, whatever TTL the platform gave.")
            .define(CONSENT_CACHE_NEAR_TTL_SECONDS, INT, 1, between(1, 3600),
                    "Longest this node reuses a decision from its own memory.")
            .define(CONSENT_CACHE_NEAR_MAX_ENTRIES, INT, 10_000, between(1, 10_000_000), "Decisions held in memory.")
            .define(CONSENT_CACHE_SOURCE_TIMEOUT_MS, INT, 500, between(10, 60_000),
                    "Backstop on a consent source answer; past it the call or SMS is refused as unavailable.")
            .define(CONSENT_CACHE_REDIS_TIMEOUT_MS, INT, 250, between(10, 60_000),
                    "Longest wait for one consent-cache Redis command (then: a miss, the platform is asked).")
            .define(CONSENT_CACHE_VERIFY_EPOCH, BOOLEAN, false, Validator.ANY,
                    "Confirm each in-memory hit against the subject's revocation epoch in Redis.")
            .define(CONSENT_CACHE_EPOCH_RETENTION_SECONDS, INT, 86_400, between(2, 366 * 86_400),
                    "Lifetime of a subject's revocation epoch; above consent.cache.maxTtlSeconds.")
            .defineOptional(CONSENT_WEBHOOK_SECRET_ENV, STRING, envName(),
                    "Environment variable holding the revocation webhook's HMAC secret (one of secretEnv, secretFile).")
            .defineOptional(CONSENT_WEBHOOK_SECRET_FILE, STRING, nonBlank(),
                    "File holding the revocation webhook's HMAC secret, re-read per webhook.")
            .define(CONSENT_WEBHOOK_TOLERANCE_SECONDS, INT, 300, between(1, 3600),
                    "How far a webhook's signed timestamp may be from now, either way.")

            .define(AUDIT_FILE, STRING, "run/decisions.log", nonBlank(),
                    "Tamper-evident decision log (one chained line per routing decision).")
            .define(AUDIT_FSYNC_EVERY_RECORDS, INT, 1000, between(0, 1_000_000),
                    "Force the log to disk after this many records; 0 = only on the interval and at shutdown.")
            .define(AUDIT_FSYNC_INTERVAL_MS, INT, 1000, between(0, 60_000),
                    "Force written records to disk at least this often; 0 = never on a timer.")
            .define(AUDIT_QUEUE_CAPACITY, INT, 65_536, between(1, 10_000_000),
                    "Records accepted and not yet written before new ones are refused (counted).")

            .define(EVENTS_TYPE, STRING, "none", oneOf("none", "redis-stream"),
                    "Interaction events: none, or redis-stream (needs store.type redis).")
            .define(EVENTS_STREAM, STRING, "mg:events", matches("[^\\s]{1,128}", "1-128 chars without whitespace"),
                    "Redis stream key the events are appended to.")
            .define(EVENTS_MAX_LEN, INT, 1_000_000, between(1, 1_000_000_000),
                    "Approximate cap on the stream's length (XADD MAXLEN ~).")
            .define(EVENTS_MAX_IN_FLIGHT, INT, 10_000, between(1, 1_000_000),
                    "Events sent and not yet acknowledged before further ones are dropped (counted).")

            .define(SHUTDOWN_DRAIN_TIMEOUT_SECONDS, INT, 30, between(0, 3600),
                    "On SIGTERM, how long calls in progress may go on ending by themselves before the node stops.")

            .define(PRIVACY_RETENTION_DEFAULT_DAYS, INT, 180, between(1, 3650),
                    "Days data of a purpose not listed in privacy.retention.purposes is kept.")
            .defineOptional(PRIVACY_RETENTION_PURPOSES, RECORD_LIST, Validator.ANY,
                    "Retention per purpose, each {purpose, days}.")
            .defineRequired(PRIVACY_RETENTION_PURPOSE, STRING, matches("[^\\s|]{1,256}", "1-256 chars, no whitespace or |"),
                    "A session purpose.")
            .defineRequired(PRIVACY_RETENTION_PURPOSE_DAYS, INT, between(1, 3650), "Days its data is kept.")
            .define(PRIVACY_RETENTION_KEY_EPOCH_HOURS, INT, 24, between(1, 24 * 31),
                    "Length of one per-subject decision-log key epoch; log fields are shredded within retention + this.")
            .define(PRIVACY_RETENTION_INTERVAL_SECONDS, INT, 3600, between(0, 7 * 86_400),
                    "How often the retention job runs (needs store.type redis); 0 = never.")
            .define(PRIVACY_MAX_EVENT_SCAN, INT, 1_000_000, between(1, 1_000_000_000),
                    "Most event-stream entries one erasure or retention run examines.");

    /** An integer of {@code allowed}. */
    private static Validator sipStatusIn(java.util.Set<Integer> allowed) {
        return value -> allowed.contains((Integer) value) ? java.util.Optional.empty()
                : java.util.Optional.of("must be one of " + new java.util.TreeSet<>(allowed) + ", was " + value);
    }

    private GatewayConfigDef() {
    }

    private static Validator envName() {
        return matches("[A-Za-z_][A-Za-z0-9_]{0,127}", "an environment variable name");
    }
}
