package io.maskgate.server;

import io.maskgate.server.config.ConfigLoader;
import io.maskgate.server.config.GatewayConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Conf texts for in-process gateways: port 0, a key file in a temp dir, a normal and a one-number pool. */
public final class TestConfs {

    public static final String PROVISIONING_TOKEN = "test-provisioning-token";
    public static final String OPERATIONS_TOKEN = "test-operations-token";

    /** The only number of pool {@code tiny}: proxy numbers are ours, not personal data. */
    public static final String TINY_POOL_NUMBER = "+918000009999";

    public static final String ESME_SYSTEM_ID = "esme1";
    public static final String ESME_PASSWORD = "esmepw1";
    public static final String SMSC_SYSTEM_ID = "mg";
    public static final String SMSC_PASSWORD = "smscpw1";

    private TestConfs() {
    }

    /** A memory-store conf (redisUri empty) or a redis one, keys under {@code dir}. */
    public static String yaml(Path dir, String redisUri) {
        String store = redisUri.isEmpty()
                ? "store:\n  type: memory\n"
                : "store:\n  type: redis\n  redis:\n    uri: " + redisUri + "\n    commandTimeoutMs: 200\n    connectTimeoutMs: 200\n";
        return """
                node:
                  id: test-node
                admin:
                  listen: 127.0.0.1
                  port: 0
                  maxBodyBytes: 65536
                  tokens:
                    - name: oms
                      role: provisioning
                      sha256: %s
                    - name: ops
                      role: operations
                      sha256: %s
                keystore:
                  file: %s
                  passwordFile: %s
                  createIfMissing: true
                %snumbers:
                  defaultCountryCode: 91
                pools:
                  default:
                    ranges:
                      - "+918000000000-+918000000999"
                  tiny:
                    numbers:
                      - "%s"
                sessions:
                  maxTtlSeconds: 86400
                  defaultTtlSeconds: 3600
                audit:
                  file: %s
                sip:
                  enabled: false
                smpp:
                  enabled: false
                """.formatted(sha256(PROVISIONING_TOKEN), sha256(OPERATIONS_TOKEN),
                dir.resolve("keys/maskgate.bcfks"), passwordFile(dir), store, TINY_POOL_NUMBER,
                dir.resolve("audit/decisions.log"));
    }

    /**
     * {@code yaml} with the SMPP relay enabled on any free loopback port: account {@link #ESME_SYSTEM_ID}
     * (password {@link #ESME_PASSWORD}) and one upstream at {@code 127.0.0.1:upstreamPort} whose bind
     * password {@link #SMSC_PASSWORD} is in a file under {@code dir}.
     */
    public static String withSmpp(String yaml, Path dir, int upstreamPort) {
        Path smscPassword = dir.resolve("smsc.pass");
        try {
            Files.writeString(smscPassword, SMSC_PASSWORD + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String smpp = """
                smpp:
                  enabled: true
                  listen: 127.0.0.1
                  port: 0
                  accounts:
                    - systemId: %s
                      passwordSha256: %s
                  upstreams:
                    - name: stand-in
                      host: 127.0.0.1
                      port: %d
                      systemId: %s
                      passwordFile: %s
                """.formatted(ESME_SYSTEM_ID, sha256(ESME_PASSWORD), upstreamPort, SMSC_SYSTEM_ID, smscPassword);
        return replaceOnce(yaml, "smpp:\n  enabled: false\n", smpp);
    }

    /**
     * {@code yaml} with the SIP relay enabled on any free loopback UDP and TCP port, RFC 3261 timers
     * shrunk tenfold (so a silent trunk is found down within seconds) and one trunk, {@code trunk},
     * at {@code 127.0.0.1:trunkPort} pinged every second and down after one failed ping.
     */
    public static String withSip(String yaml, int trunkPort) {
        String sip = """
                sip:
                  enabled: true
                  udp:
                    listen: 127.0.0.1
                    port: 0
                  tcp:
                    listen: 127.0.0.1
                    port: 0
                  timers:
                    t1Ms: 50
                    t2Ms: 400
                  trunks:
                    - name: trunk
                      host: 127.0.0.1
                      port: %d
                  trunkHealth:
                    intervalSeconds: 1
                    failuresToDown: 1
                """.formatted(trunkPort);
        return replaceOnce(yaml, "sip:\n  enabled: false\n", sip);
    }

    /** Replaces exactly one occurrence, so a fixture edit that no longer applies fails loudly. */
    public static String replaceOnce(String yaml, String find, String replacement) {
        int at = yaml.indexOf(find);
        if (at < 0 || yaml.indexOf(find, at + 1) >= 0) {
            throw new IllegalStateException("fixture text not found exactly once: " + find.strip());
        }
        return yaml.substring(0, at) + replacement + yaml.substring(at + find.length());
    }

    public static GatewayConfig config(Path dir, String redisUri) {
        return ConfigLoader.parse("test.yaml", yaml(dir, redisUri)).config();
    }

    static String sha256(String token) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path passwordFile(Path dir) {
        Path file = dir.resolve("keystore.pass");
        try {
            if (!Files.exists(file)) {
                Files.writeString(file, "test-password-not-a-secret\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
