package io.maskgate.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shipped {@code conf/gateway.yaml}, copied into a test's work dir with only what a test must
 * change (ports, paths, store). Starting from the shipped file keeps it honest: if ops' file stops
 * starting the gateway, these tests fail.
 */
final class ShippedConf {
    private String yaml;

    private ShippedConf(String yaml) {
        this.yaml = yaml;
    }

    static ShippedConf load() throws IOException {
        Path conf = Path.of(System.getProperty("maskgate.conf", "../conf")).resolve("gateway.yaml");
        return new ShippedConf(Files.readString(conf));
    }

    /** Any free port for the admin API; the test reads the bound address from the gateway's log. */
    ShippedConf anyAdminPort() {
        return replace("  port: 8080\n", "  port: 0\n");
    }

    ShippedConf redisStore(String uri) {
        return replace("  type: memory\n", "  type: redis\n")
                .replace("    uri: redis://127.0.0.1:6379\n", "    uri: " + uri + "\n");
    }

    /** Any free port for the SMPP server face; the test reads it from the gateway's log. */
    ShippedConf anySmppPort() {
        return replace("  port: 2775\n", "  port: 0\n");
    }

    /** The shipped upstream SMSC (127.0.0.1:2776) moved to {@code port}, where a stand-in listens. */
    ShippedConf smppUpstreamPort(int port) {
        return replace("      port: 2776\n", "      port: " + port + "\n");
    }

    /** Interaction events to the Redis stream (needs {@link #redisStore}). */
    ShippedConf eventsToRedisStream() {
        return replace("  type: none\n", "  type: redis-stream\n");
    }

    /** Any free ports for SIP over UDP and TCP; the test reads the UDP port from the gateway's log. */
    ShippedConf anySipPort() {
        return replace("    port: 5060\n", "    port: 0\n");
    }

    /** The shipped SIP trunk (127.0.0.1:5070) moved to {@code port}, where a sipp callee listens. */
    ShippedConf sipTrunkPort(int port) {
        return replace("      port: 5070\n", "      port: " + port + "\n");
    }

    /**
     * No OPTIONS pings to the trunks: a sipp callee plays one scenario and would take a ping for a
     * call it does not expect.
     */
    ShippedConf sipTrunkPingsOff() {
        return replace("    intervalSeconds: 10\n", "    intervalSeconds: 0\n");
    }

    /** Digest authentication of carriers on, with one account whose password is in {@code passwordFile}. */
    ShippedConf sipDigestAuth(String username, Path passwordFile) {
        return replace("    # Default: false.\n    enabled: false\n    # The realm", "    # Default: false.\n    enabled: true\n"
                + "    users:\n      - username: " + username + "\n        passwordFile: \"" + passwordFile + "\"\n"
                + "    # The realm");
    }

    /** The shipped trunk authenticates the gateway by digest: our account there, its password in {@code passwordFile}. */
    ShippedConf sipTrunkAccount(String username, Path passwordFile) {
        return replace("      udpOnly: false\n", "      udpOnly: false\n      authUsername: " + username
                + "\n      authPasswordFile: \"" + passwordFile + "\"\n");
    }

    ShippedConf set(String line, String replacement) {
        return replace(line, replacement);
    }

    Path writeTo(Path dir) throws IOException {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private ShippedConf replace(String line, String replacement) {
        if (!yaml.contains(line)) {
            throw new IllegalStateException("shipped conf no longer contains '" + line.strip() + "'");
        }
        yaml = yaml.replace(line, replacement);
        return this;
    }
}
