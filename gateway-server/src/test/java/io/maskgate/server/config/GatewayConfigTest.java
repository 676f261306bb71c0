package io.maskgate.server.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.server.TestConfs;
import io.maskgate.server.testing.CapturedLogs;
import io.maskgate.sip.carrier.Cidr;
import io.maskgate.sip.transport.SipTransportType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

class GatewayConfigTest {

    private static final Path SHIPPED = Path.of("..", "conf", "gateway.yaml");

    @TempDir
    Path dir;

    @Test
    void shippedConfLoadsWithoutUnknownKeys() {
        ConfigLoader.Loaded loaded = ConfigLoader.load(SHIPPED);
        GatewayConfig c = loaded.config();
        assertEquals(List.of(), loaded.values().unknownKeys());
        assertAll(
                () -> assertEquals(new ListenAddress("127.0.0.1", 8080), c.admin().listen()),
                () -> assertEquals(2, c.admin().tokens().size()),
                () -> assertEquals(Role.PROVISIONING, c.admin().tokens().get(0).role()),
                () -> assertEquals(StoreConfig.Type.MEMORY, c.store().type()),
                () -> assertTrue(c.keystore().createIfMissing()),
                () -> assertEquals(new KeystoreConfig.PasswordRef.Env("MASKGATE_KEYSTORE_PASSWORD"), c.keystore().password()),
                () -> assertEquals("91", c.numbers().defaultCountryCode()),
                () -> assertEquals(100, c.pools().byName().get("default").ranges().get(0).size()),
                () -> assertEquals(Duration.ofDays(7), c.sessions().maxTtl()),
                () -> assertEquals(2775, c.smpp().listen().port()),
                () -> assertTrue(c.smpp().enabled()),
                () -> assertEquals("quickstart", c.smpp().accounts().get(0).systemId()),
                () -> assertEquals(new SecretRef.Env("smpp.upstreams[0].passwordEnv", "MASKGATE_SMSC_PASSWORD"),
                        c.smpp().upstreams().get(0).password()),
                () -> assertEquals(2776, c.smpp().upstreams().get(0).port()),
                () -> assertEquals(Optional.of("quickstart"), c.smpp().relay().moSystemId()),
                () -> assertEquals(ConsentConfig.Type.STATIC, c.consent().type()),
                () -> assertTrue(c.consent().staticRules().defaultGranted()),
                () -> assertEquals(Path.of("run/decisions.log"), c.audit().file()),
                () -> assertEquals(EventsConfig.Type.NONE, c.events().type()));
    }

    @Test
    void everyKeyIsDocumentedInTheShippedConf() throws Exception {
        String text = Files.readString(SHIPPED);
        for (ConfigKey key : GatewayConfigDef.DEF.keys()) {
            String leaf = key.name().substring(key.name().lastIndexOf('.') + 1).replace("[]", "");
            assertTrue(text.contains(leaf + ":"), "conf/gateway.yaml does not mention " + key.name());
            assertFalse(key.doc().isBlank(), key.name());
        }
    }

    @Test
    void defaultsApplyWhenKeysAreAbsent() {
        GatewayConfig c = GatewayConfig.from(GatewayConfigDef.DEF.parse(Map.of(
                "keystore", Map.of("file", "k.bcfks", "passwordEnv", "PW"), "smpp", Map.of("enabled", false),
                "sip", Map.of("enabled", false))));
        assertAll(
                () -> assertEquals("maskgate-1", c.nodeId()),
                () -> assertEquals(new ListenAddress("127.0.0.1", 8080), c.admin().listen()),
                () -> assertFalse(c.admin().metricsPublic()),
                () -> assertFalse(c.keystore().createIfMissing()),
                () -> assertEquals(StoreConfig.Type.MEMORY, c.store().type()),
                () -> assertEquals("91", c.numbers().defaultCountryCode()),
                () -> assertEquals(Duration.ofDays(7), c.sessions().maxTtl()),
                () -> assertEquals(Map.of(), c.pools().byName()),
                () -> assertFalse(c.consent().staticRules().defaultGranted()),
                () -> assertEquals(Path.of("run/decisions.log"), c.audit().file()),
                () -> assertEquals(1000, c.audit().fsyncEveryRecords()),
                () -> assertEquals(EventsConfig.Type.NONE, c.events().type()),
                () -> assertEquals("mg:events", c.events().stream()),
                () -> assertEquals(new ListenAddress("127.0.0.1", 2775), c.smpp().listen()),
                () -> assertEquals(10, c.smpp().server().windowSize()),
                () -> assertEquals(new ListenAddress("127.0.0.1", 5060), c.sip().udp()),
                () -> assertEquals(new ListenAddress("127.0.0.1", 5060), c.sip().tcp()),
                () -> assertEquals(Optional.empty(), c.sip().advertisedAddress()),
                () -> assertEquals(4 * 1024 * 1024, c.sip().udpReceiveBufferBytes()),
                () -> assertEquals(5_000, c.sip().parserWarmUpCalls()),
                () -> assertEquals(new SipConfig.Overload(10, 25, Duration.ofMillis(250), false), c.sip().overload()),
                () -> assertEquals(Runtime.getRuntime().availableProcessors(), c.sip().ioThreads()),
                () -> assertEquals(new SipConfig.Timers(Duration.ofMillis(500), Duration.ofSeconds(4),
                        Duration.ofSeconds(5)), c.sip().timers()),
                () -> assertEquals(300_000, c.sip().maxTransactions()),
                () -> assertEquals(10_000, c.sip().maxConnections()),
                () -> assertEquals(List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1")), c.sip().calls().acl()),
                () -> assertTrue(c.sip().calls().trustAssertedIdentity()),
                () -> assertEquals(50_000, c.sip().calls().maxCalls()),
                () -> assertEquals(Duration.ofHours(4), c.sip().calls().maxCallDuration()),
                () -> assertEquals(Duration.ofSeconds(180), c.sip().calls().ringTimeout()),
                () -> assertEquals(Duration.ofSeconds(10), c.sip().calls().retryAfter()),
                () -> assertEquals(new SipConfig.TrunkHealth(Duration.ofSeconds(10), 3, 1), c.sip().trunkHealth()));
    }

    @Test
    void enabledSipWithoutTrunksIsNamed() {
        ConfigException e = assertThrows(ConfigException.class, () -> GatewayConfig.from(GatewayConfigDef.DEF.parse(
                Map.of("keystore", Map.of("file", "k.bcfks", "passwordEnv", "PW"), "smpp", Map.of("enabled", false)))));
        assertEquals("sip.trunks", e.key());
        assertTrue(e.getMessage().contains("sip.enabled: false"), e.getMessage());
    }

    @Test
    void shippedSipSettingsAreRead() throws Exception {
        SipConfig sip = ConfigLoader.load(SHIPPED).config().sip();
        assertAll(
                () -> assertTrue(sip.enabled()),
                () -> assertEquals(new ListenAddress("127.0.0.1", 5060), sip.udp()),
                () -> assertEquals(List.of(new SipConfig.Trunk("local-trunk",
                        new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 5070), 10, 1, false)), sip.trunks()),
                () -> assertEquals(Duration.ofSeconds(10), sip.trunkHealth().interval()));
    }

    @Test
    void sipTrunksAndAclAreRead() throws Exception {
        String yaml = TestConfs.replaceOnce(TestConfs.withSip(TestConfs.yaml(dir, ""), 5070), "  trunks:\n",
                "  acl:\n    - \"10.1.0.0/16\"\n    - \"2001:db8::/32\"\n  advertisedAddress: 192.0.2.10\n  trunks:\n"
                        + "    - name: b\n      host: \"::1\"\n      port: 5080\n      priority: 20\n      weight: 3\n"
                        + "      assertIdentity: true\n");
        SipConfig sip = ConfigLoader.parse("t", yaml).config().sip();
        assertAll(
                () -> assertEquals(List.of(Cidr.parse("10.1.0.0/16"), Cidr.parse("2001:db8::/32")), sip.calls().acl()),
                () -> assertEquals(Optional.of(InetAddress.getByName("192.0.2.10")), sip.advertisedAddress()),
                () -> assertEquals(new SipConfig.Trunk("b", new InetSocketAddress(InetAddress.getByName("::1"), 5080),
                        20, 3, true), sip.trunks().get(0)),
                () -> assertEquals(new SipConfig.Trunk("trunk",
                        new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 5070), 10, 1, false),
                        sip.trunks().get(1)),
                () -> assertEquals(Duration.ofMillis(50), sip.timers().t1()),
                () -> assertEquals(new SipConfig.TrunkHealth(Duration.ofSeconds(1), 1, 1), sip.trunkHealth()));
    }

    @Test
    void namedCarriersAreReadInOrderWithTheirLimitsAndTrust() throws Exception {
        String yaml = TestConfs.replaceOnce(TestConfs.withSip(TestConfs.yaml(dir, ""), 5070), "  trunks:\n",
                "  acl:\n    - \"10.0.0.0/8\"\n    - \"2001:db8::/32\"\n  carriers:\n"
                        + "    - name: carrier-a\n      addresses:\n        - \"10.1.0.0/16\"\n        - \"2001:db8:1::/48\"\n"
                        + "      maxCalls: 300\n      maxCallsPerSecond: 30\n      trustAssertedIdentity: false\n"
                        + "    - name: carrier-b\n      addresses:\n        - 10.2.0.7\n  trunks:\n");
        SipConfig.Calls calls = ConfigLoader.parse("t", yaml).config().sip().calls();
        assertEquals(List.of(
                new SipConfig.Carrier("carrier-a", List.of(Cidr.parse("10.1.0.0/16"), Cidr.parse("2001:db8:1::/48")),
                        new SipConfig.CallLimits(300, 30), Optional.of(false)),
                new SipConfig.Carrier("carrier-b", List.of(Cidr.parse("10.2.0.7/32")), SipConfig.CallLimits.NONE,
                        Optional.empty())),
                calls.carriers());
    }

    @Test
    void theShippedConfNamesTheLoopbackAsItsCarrierWithoutLimits() throws Exception {
        SipConfig.Calls calls = ConfigLoader.load(SHIPPED).config().sip().calls();
        assertEquals(List.of(new SipConfig.Carrier("local-carrier",
                List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1")), SipConfig.CallLimits.NONE, Optional.empty())),
                calls.carriers());
    }

    @Test
    void sipTrunkTransportUdpOnlyAndMtuAreRead() throws Exception {
        String yaml = TestConfs.replaceOnce(TestConfs.withSip(TestConfs.yaml(dir, ""), 5070), "  trunks:\n",
                "  trunks:\n    - name: t\n      host: 127.0.0.3\n      transport: tcp\n      maxCalls: 30\n      maxCallsPerSecond: 5\n"
                        + "    - name: u\n      host: 127.0.0.4\n      udpOnly: true\n");
        yaml = TestConfs.replaceOnce(yaml, "    port: 0\n  tcp:\n", "    port: 0\n    mtu: 9000\n  tcp:\n");
        SipConfig sip = ConfigLoader.parse("t", yaml).config().sip();
        assertAll(
                () -> assertEquals(new SipConfig.Trunk("t", new InetSocketAddress(InetAddress.getByName("127.0.0.3"), 5060),
                        SipTransportType.TCP, 10, 1, false, false, new SipConfig.CallLimits(30, 5), Optional.empty()),
                        sip.trunks().get(0)),
                () -> assertEquals(new SipConfig.Trunk("u", new InetSocketAddress(InetAddress.getByName("127.0.0.4"), 5060),
                        SipTransportType.UDP, 10, 1, false, true, SipConfig.CallLimits.NONE, Optional.empty()),
                        sip.trunks().get(1)),
                () -> assertEquals(9000, sip.udpMtu()),
                () -> assertEquals(Duration.ofSeconds(2), sip.connectTimeout()));
    }

    @Test
    void aTrunkAccountIsReadWithWhereItsPasswordLives() throws Exception {
        String yaml = TestConfs.replaceOnce(TestConfs.withSip(TestConfs.yaml(dir, ""), 5070), "  trunks:\n",
                "  trunks:\n    - name: pbx\n      host: 127.0.0.5\n      authUsername: maskgate-gw\n"
                        + "      authPasswordFile: /run/secrets/pbx\n"
                        + "    - name: sbc\n      host: 127.0.0.6\n      authUsername: gw\n      authPasswordEnv: SBC_PW\n"
                        + "      authAhead: true\n");
        List<SipConfig.Trunk> trunks = ConfigLoader.parse("t", yaml).config().sip().trunks();
        assertEquals(Optional.of(new SipConfig.TrunkAuth("maskgate-gw",
                new SecretRef.File("sip.trunks[0].authPasswordFile", Path.of("/run/secrets/pbx")), false)),
                trunks.get(0).auth());
        assertEquals(Optional.of(new SipConfig.TrunkAuth("gw", new SecretRef.Env("sip.trunks[1].authPasswordEnv", "SBC_PW"),
                true)), trunks.get(1).auth());
    }

    /** Each case: a YAML edit of the SIP-enabled conf, the key the error must name, a fragment of the reason. */
    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
        "'    listen: 127.0.0.1\n    port: 0\n  tcp'|'    listen: 0.0.0.0\n    port: 0\n  tcp'|sip.advertisedAddress|is required when SIP listens on 0.0.0.0",
        "'    listen: 127.0.0.1\n    port: 0\n  timers'|'    listen: \"::\"\n    port: 0\n  timers'|sip.advertisedAddress|is required when SIP listens on ::",
        "'  trunks:\n'|'  advertisedAddress: 0.0.0.0\n  trunks:\n'|sip.advertisedAddress|not a wildcard",
        "'  trunks:\n'|'  advertisedAddress: sbc.example\n  trunks:\n'|sip.advertisedAddress|must be an IP address",
        "'      host: 127.0.0.1\n'|'      host: trunk.example\n'|sip.trunks[0].host|not a host name",
        "'      host: 127.0.0.1\n'|'      host: 127.0.0.256\n'|sip.trunks[0].host|must be an IP address",
        "'      port: 5070\n'|'      port: 5070\n      transport: sctp\n'|sip.trunks[0].transport|must be one of [udp, tcp, tls]",
        "'      port: 5070\n'|'      port: 5070\n      weight: 0\n'|sip.trunks[0].weight|must be between 1 and 65535",
        "'      port: 5070\n'|'      port: 5070\n      transport: tls\n'|sip.trunks[0].transport|tls needs sip.tls.enabled",
        "'  trunks:\n'|'  tls:\n    enabled: true\n  trunks:\n'|sip.tls.certificate|is required when sip.tls.enabled",
        "'  trunks:\n'|'  tls:\n    enabled: true\n    certificate: c.pem\n  trunks:\n'|sip.tls.privateKey|is required",
        "'  trunks:\n'|'  tls:\n    clientAuth: required\n  trunks:\n'|sip.tls.trustedCas|is required when sip.tls.clientAuth",
        "'  trunks:\n'|'  tls:\n    clientAuth: always\n  trunks:\n'|sip.tls.clientAuth|must be one of [none, optional, required]",
        "'      port: 5070\n'|'      port: 5070\n    - name: trunk\n      host: 127.0.0.2\n'|sip.trunks[1].name|duplicate trunk",
        "'    - name: trunk\n'|'    - name: \"my trunk\"\n'|sip.trunks[0].name|1-64 chars",
        "'  trunks:\n'|'  acl:\n    - 10.0.0.0/33\n  trunks:\n'|sip.acl|entry 0 must be an address block",
        "'  trunks:\n'|'  acl:\n    - \"::1\"\n    - carrier.example\n  trunks:\n'|sip.acl|entry 1 must be an address block",
        "'    t2Ms: 400\n'|'    t2Ms: 40\n'|sip.timers.t2Ms|must be at least sip.timers.t1Ms (50)",
        "'    t1Ms: 50\n'|'    t1Ms: 5\n'|sip.timers.t1Ms|must be between 10 and 10000",
        "'  trunks:\n'|'  retryAfterSeconds: 0\n  trunks:\n'|sip.retryAfterSeconds|must be between 1 and 3600",
        "'  trunks:\n'|'  udpReceiveBufferBytes: 1024\n  trunks:\n'|sip.udpReceiveBufferBytes|must be between 65536",
        "'  trunks:\n'|'  parserWarmUpCalls: -1\n  trunks:\n'|sip.parserWarmUpCalls|must be between 0",
        "'  trunks:\n'|'  ioThreads: -1\n  trunks:\n'|sip.ioThreads|must be between 0 and 256",
        "'  trunks:\n'|'  overload:\n    holdRetransmissionsAtQueuePercent: 101\n  trunks:\n'|sip.overload.holdRetransmissionsAtQueuePercent|must be between 0 and 100",
        "'  trunks:\n'|'  overload:\n    rejectNewCallsAtQueuePercent: -5\n  trunks:\n'|sip.overload.rejectNewCallsAtQueuePercent|must be between 0 and 100",
        "'  trunks:\n'|'  overload:\n    answerOptionsWith503: when busy\n  trunks:\n'|sip.overload.answerOptionsWith503|must be true or false",
        "'      port: 5070\n'|'      port: 5070\n      maxCalls: -1\n'|sip.trunks[0].maxCalls|must be between 0 and 1000000",
        "'      port: 5070\n'|'      port: 5070\n      maxCallsPerSecond: 2000000\n'|sip.trunks[0].maxCallsPerSecond|must be between 0 and 1000000",
        "'      port: 5070\n'|'      port: 5070\n      authUsername: gw\n'|sip.trunks[0].authPasswordEnv|is required (or sip.trunks[0].authPasswordFile) with sip.trunks[0].authUsername",
        "'      port: 5070\n'|'      port: 5070\n      authPasswordEnv: TRUNK_PW\n'|sip.trunks[0].authUsername|is required with sip.trunks[0].authPasswordEnv",
        "'      port: 5070\n'|'      port: 5070\n      authUsername: gw\n      authPasswordEnv: A\n      authPasswordFile: /f\n'|sip.trunks[0].authPasswordFile|give only one of",
        "'      port: 5070\n'|'      port: 5070\n      authUsername: \"g w\"\n      authPasswordEnv: A\n'|sip.trunks[0].authUsername|1-64 chars",
        "'      port: 5070\n'|'      port: 5070\n      authAhead: true\n'|sip.trunks[0].authAhead|needs sip.trunks[0].authUsername",
        "'  trunks:\n'|'  auth:\n    enabled: true\n  trunks:\n'|sip.auth.users|needs at least one account",
        "'  trunks:\n'|'  auth:\n    enabled: true\n    users:\n      - username: c1\n  trunks:\n'|sip.auth.users[0].passwordEnv|is required",
        "'  trunks:\n'|'  auth:\n    algorithm: SHA-1\n  trunks:\n'|sip.auth.algorithm|must be one of",
        "'  trunks:\n'|'  auth:\n    users:\n      - username: c1\n        passwordEnv: A\n      - username: c1\n        passwordEnv: B\n  trunks:\n'|sip.auth.users[1].username|duplicate username",
        "'  trunks:\n'|'  auth:\n    nonceTtlSeconds: 3600\n  trunks:\n'|sip.auth.nonceTtlSeconds|must be between 5 and 300",
        "'  trunks:\n'|'  ioThreads: 257\n  trunks:\n'|sip.ioThreads|must be between 0 and 256",
        "'    failuresToDown: 1\n'|'    failuresToDown: 0\n'|sip.trunkHealth.failuresToDown|must be between 1 and 100",
        "'  trunks:\n'|'  carriers:\n    - name: c\n      addresses:\n        - 10.0.0.0/8\n  trunks:\n'|sip.carriers[0].addresses|10.0.0.0/8 is not within sip.acl",
        "'  trunks:\n'|'  carriers:\n    - name: c\n      addresses: []\n  trunks:\n'|sip.carriers[0].addresses|needs at least one address block",
        "'  trunks:\n'|'  carriers:\n    - name: c\n  trunks:\n'|sip.carriers[0].addresses|is required",
        "'  trunks:\n'|'  carriers:\n    - name: c\n      addresses:\n        - carrier.example\n  trunks:\n'|sip.carriers[0].addresses|entry 0 must be an address block",
        "'  trunks:\n'|'  carriers:\n    - name: c\n      addresses:\n        - 127.0.0.1\n    - name: c\n      addresses:\n        - 127.0.0.2\n  trunks:\n'|sip.carriers[1].name|duplicate carrier",
        "'  trunks:\n'|'  carriers:\n    - name: \"c d\"\n      addresses:\n        - 127.0.0.1\n  trunks:\n'|sip.carriers[0].name|1-64 chars",
        "'  trunks:\n'|'  carriers:\n    - name: c\n      addresses:\n        - 127.0.0.1\n      maxCalls: -1\n  trunks:\n'|sip.carriers[0].maxCalls|must be between 0 and 1000000",
        "'  trunks:\n'|'  carriers:\n    - name: c\n      addresses:\n        - 127.0.0.1\n      maxCallsPerSecond: 1000001\n  trunks:\n'|sip.carriers[0].maxCallsPerSecond|must be between 0 and 1000000",
        "'  trunks:\n'|'  carriers:\n    - name: c\n      addresses:\n        - 127.0.0.1\n      trustAssertedIdentity: maybe\n  trunks:\n'|sip.carriers[0].trustAssertedIdentity|must be true or false",
        "'  trunks:\n    - name: trunk\n      host: 127.0.0.1\n      port: 5070\n'|'  trunks: []\n'|sip.trunks|needs at least one trunk",
    })
    void invalidSipValueNamesItsKey(String find, String replace, String key, String reason) {
        String edited = TestConfs.replaceOnce(TestConfs.withSip(TestConfs.yaml(dir, ""), 5070), find, replace);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("test.yaml", edited));
        assertEquals(key, e.key(), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void sipDigestAuthIsOffByDefaultAndReadWhenEnabled() {
        String base = TestConfs.withSip(TestConfs.yaml(dir, ""), 5070);
        assertEquals(Optional.empty(), ConfigLoader.parse("t", base).config().sip().auth());
        String yaml = TestConfs.replaceOnce(base, "  trunks:\n", "  auth:\n    enabled: true\n    realm: carriers.example\n"
                + "    algorithm: SHA-256\n    users:\n      - username: carrier-a\n        passwordFile: /run/secrets/a\n"
                + "  trunks:\n");
        SipConfig.Auth auth = ConfigLoader.parse("t", yaml).config().sip().auth().orElseThrow();
        assertEquals(new SipConfig.Auth("carriers.example", "SHA-256",
                Duration.ofSeconds(30), List.of(new SipConfig.AuthUser("carrier-a",
                        new SecretRef.File("sip.auth.users[0].passwordFile", Path.of("/run/secrets/a"))))), auth);
    }

    @Test
    void enabledSmppWithoutAccountsIsNamed() {
        ConfigException e = assertThrows(ConfigException.class, () -> GatewayConfig.from(GatewayConfigDef.DEF.parse(
                Map.of("keystore", Map.of("file", "k.bcfks", "passwordEnv", "PW"), "sip", Map.of("enabled", false)))));
        assertEquals("smpp.accounts", e.key());
        assertTrue(e.getMessage().contains("smpp.enabled: false"), e.getMessage());
    }

    @Test
    void smppSettingsAreRead() {
        String yaml = TestConfs.withSmpp(TestConfs.yaml(dir, ""), dir, 2776);
        SmppConfig smpp = ConfigLoader.parse("t", yaml).config().smpp();
        assertAll(
                () -> assertEquals(0, smpp.listen().port()),
                () -> assertEquals(4, smpp.accounts().get(0).maxBinds()),
                () -> assertEquals(0, smpp.accounts().get(0).ratePerSecond()),
                () -> assertEquals(new SecretRef.File("smpp.upstreams[0].passwordFile", dir.resolve("smsc.pass")),
                        smpp.upstreams().get(0).password()),
                () -> assertEquals(0, smpp.upstreams().get(0).maxSubmitsPerSecond(), "no TPS limit unless conf sets one"),
                () -> assertEquals(Duration.ofSeconds(30), smpp.upstream().enquireLink()),
                () -> assertEquals(0x1400, smpp.relay().dltEntityIdTag()),
                () -> assertEquals(Duration.ofHours(72), smpp.relay().receiptTtl()));
    }

    @Test
    void smppTlsSettingsAreRead() {
        String yaml = TestConfs.replaceOnce(TestConfs.withSmpp(TestConfs.yaml(dir, ""), dir, 2776),
                "  port: 0\n  accounts:\n", "  port: 0\n  tls:\n    enabled: true\n    port: 0\n"
                        + "    certificate: s.pem\n    privateKey: s.key\n    trustedCas: esme-ca.pem\n"
                        + "    clientAuth: required\n  accounts:\n");
        yaml = TestConfs.replaceOnce(yaml, "      host: 127.0.0.1\n", "      host: 127.0.0.1\n      tls: true\n"
                + "      trustedCas: smsc-ca.pem\n");
        SmppConfig smpp = ConfigLoader.parse("t", yaml).config().smpp();
        assertEquals(new SmppConfig.Tls(true, 0, Optional.of(Path.of("s.pem")), Optional.of(Path.of("s.key")),
                Optional.of(Path.of("esme-ca.pem")), true), smpp.server().tls());
        assertTrue(smpp.upstreams().get(0).tls());
        assertEquals(Optional.of(Path.of("smsc-ca.pem")), smpp.upstreams().get(0).trustedCas());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "'  tls:\n    enabled: true\n'|smpp.tls.certificate|is required when smpp.tls.enabled",
        "'  tls:\n    enabled: true\n    certificate: c.pem\n'|smpp.tls.privateKey|is required",
        "'  tls:\n    clientAuth: required\n'|smpp.tls.trustedCas|is required when smpp.tls.clientAuth",
        "'  tls:\n    clientAuth: optional\n'|smpp.tls.clientAuth|must be one of [none, required]",
    })
    void invalidSmppTlsValueNamesItsKey(String tls, String key, String reason) {
        String yaml = TestConfs.replaceOnce(TestConfs.withSmpp(TestConfs.yaml(dir, ""), dir, 2776),
                "  port: 0\n  accounts:\n", "  port: 0\n" + tls + "  accounts:\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("test.yaml", yaml));
        assertEquals(key, e.key(), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void smppAccountToStringHidesTheHash() {
        String yaml = TestConfs.withSmpp(TestConfs.yaml(dir, ""), dir, 2776);
        SmppConfig.Account account = ConfigLoader.parse("t", yaml).config().smpp().accounts().get(0);
        assertFalse(account.toString().contains(account.passwordSha256()), account.toString());
        String described = String.join("\n", ConfigLoader.parse("t", yaml).values().describe());
        assertTrue(described.contains("smpp.accounts[0].passwordSha256 = [hidden]"), described);
    }

    /** Each case: a YAML edit of the SMPP-enabled redis conf, the key the error must name, a fragment of the reason. */
    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
        "'      passwordFile: '|'      password: hunter2\n      passwordFileX: '|smpp.upstreams[0].password|never written into the conf",
        "'      passwordFile: '|'      passwordEnv: SMSC_PW\n      passwordFile: '|smpp.upstreams[0].passwordFile|give only one of",
        "'    - systemId: esme1\n'|'    - systemId: esme1\n      ratePerSecond: 0\n      burst: 5\n'|smpp.accounts[0].burst|needs a ratePerSecond",
        "'  port: 0\n  accounts'|'  port: 0\n  windowSize: 0\n  accounts'|smpp.windowSize|must be between 1 and 1000, was 0",
        "'  port: 0\n  accounts'|'  port: 0\n  submitTimeoutSeconds: 5\n  accounts'|smpp.submitTimeoutSeconds|must exceed smpp.upstreamResponseTimeoutSeconds",
        "'  port: 0\n  accounts'|'  port: 0\n  moSystemId: nobody\n  accounts'|smpp.moSystemId|names no account",
        "'  port: 0\n  accounts'|'  port: 0\n  dlt:\n    templateIdTag: 5120\n  accounts'|smpp.dlt.templateIdTag|must differ",
        "'  port: 0\n  accounts'|'  port: 0\n  dlt:\n    entityIdTag: 1\n  accounts'|smpp.dlt.entityIdTag|must be between 5120 and 16383",
        "'      host: 127.0.0.1\n'|'      host: \"smsc host\"\n'|smpp.upstreams[0].host|must be a host name",
        "'    - name: stand-in\n'|'    - name: Stand In\n'|smpp.upstreams[0].name|1-32 chars",
        "'    - name: stand-in\n'|'    - name: stand-in\n      maxSubmitsPerSecond: -5\n'|smpp.upstreams[0].maxSubmitsPerSecond|must be between 0 and 1000000",
        "'sessions:\n'|'events:\n  type: kafka\nsessions:\n'|events.type|must be one of [none, redis-stream]",
        "'sessions:\n'|'consent:\n  type: http\n  webhook:\n    secretEnv: WH\nsessions:\n'|consent.http.baseUrl|is required when consent.type is http",
        "'sessions:\n'|'consent:\n  type: http\n  http:\n    baseUrl: http://c.example\nsessions:\n'|consent.webhook.secretEnv|is required",
        "'sessions:\n'|'consent:\n  cache:\n    maxTtlSeconds: 600\n    epochRetentionSeconds: 600\nsessions:\n'|consent.cache.epochRetentionSeconds|must exceed",
        "'sessions:\n'|'consent:\n  static:\n    rules:\n      - channel: fax\n        decision: granted\nsessions:\n'|consent.static.rules[0].channel|must be one of",
        "'sessions:\n'|'consent:\n  static:\n    rules:\n      - purpose: x\nsessions:\n'|consent.static.rules[0].decision|is required",
        "'sessions:\n'|'consent:\n  webhook:\n    secret: s3cr3t-value\nsessions:\n'|consent.webhook.secret|never written into the conf",
        "'audit:\n'|'audit:\n  fsyncIntervalMs: -1\n'|audit.fsyncIntervalMs|must be between 0 and 60000",
    })
    void invalidSmppConsentOrAuditValueNamesItsKey(String find, String replace, String key, String reason) {
        String yaml = TestConfs.withSmpp(TestConfs.yaml(dir, "redis://127.0.0.1:6390"), dir, 2776);
        String edited = TestConfs.replaceOnce(yaml, find, replace);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("test.yaml", edited));
        assertEquals(key, e.key(), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2") || e.getMessage().contains("s3cr3t"), e.getMessage());
    }

    @Test
    void eventsToARedisStreamNeedTheRedisStore() {
        String yaml = TestConfs.yaml(dir, "") + "events:\n  type: redis-stream\n";
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("t", yaml));
        assertEquals("events.type: redis-stream needs store.type: redis", e.getMessage());
    }

    @Test
    void privacyRetentionAndTheBreakGlassRoleAreRead() {
        String yaml = TestConfs.replaceOnce(TestConfs.yaml(dir, ""), "      role: operations\n", "      role: break-glass\n")
                + "privacy:\n  retention:\n    defaultDays: 90\n    keyEpochHours: 6\n    intervalSeconds: 600\n"
                + "    purposes:\n      - purpose: delivery\n        days: 30\n  maxEventScan: 5000\n";
        GatewayConfig c = ConfigLoader.parse("t", yaml).config();
        assertEquals(Role.BREAK_GLASS, c.admin().tokens().get(1).role());
        assertEquals("break-glass", Role.BREAK_GLASS.confName());
        assertEquals(java.time.Duration.ofDays(30), c.privacy().retention().retentionOf("delivery"));
        assertEquals(java.time.Duration.ofDays(90), c.privacy().retention().retentionOf("support"));
        assertEquals(java.time.Duration.ofHours(6), c.privacy().retention().keyEpoch());
        assertEquals(java.time.Duration.ofSeconds(600), c.privacy().interval());
        assertEquals(5000, c.privacy().maxEventScan());
        ConfigException twice = assertThrows(ConfigException.class, () -> ConfigLoader.parse("t", yaml.replace(
                "        days: 30\n", "        days: 30\n      - purpose: delivery\n        days: 7\n")));
        assertTrue(twice.getMessage().contains("listed twice"), twice.getMessage());
    }

    @Test
    void httpConsentNeedsTheRedisStore() {
        String yaml = TestConfs.yaml(dir, "") + "consent:\n  type: http\n  http:\n    baseUrl: http://c.example\n"
                + "  webhook:\n    secretEnv: WH\n";
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("t", yaml));
        assertEquals("consent.type", e.key());
        assertTrue(e.getMessage().startsWith("consent.type: http needs store.type: redis"), e.getMessage());
    }

    @Test
    void enquireLinkMustBeTheSameForEveryUpstream() {
        String yaml = TestConfs.withSmpp(TestConfs.yaml(dir, ""), dir, 2776) + """
                    - name: second
                      host: 127.0.0.1
                      port: 2777
                      systemId: mg
                      passwordEnv: SECOND_PW
                      enquireLinkSeconds: 10
                """;
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("t", yaml));
        assertEquals("smpp.upstreams[1].enquireLinkSeconds", e.key());
    }

    @Test
    void redisSettingsAreRead() {
        GatewayConfig c = TestConfs.config(dir, "redis://127.0.0.1:6390");
        StoreConfig.RedisConfig redis = c.store().redis().orElseThrow();
        assertEquals("redis://127.0.0.1:6390", redis.uri());
        assertEquals(Duration.ofMillis(200), redis.commandTimeout());
        assertEquals(10_000, redis.requestQueueSize());
    }

    /** Each case: a YAML line edit of the test conf, the key the error must name, and a fragment of the reason. */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "'    commandTimeoutMs: 200'|'    commandTimeoutMs: 0'|store.redis.commandTimeoutMs|must be between 10 and 60000, was 0",
        "'    connectTimeoutMs: 200'|'    connectTimeoutMs: fast'|store.redis.connectTimeoutMs|must be an integer, was a string",
        "'  port: 0'|'  port: 70000'|admin.port|must be between 0 and 65535, was 70000",
        "'  port: 0'|'  port: \"8080\"'|admin.port|must be an integer",
        "'  type: redis'|'  type: mongo'|store.type|must be one of [memory, redis], was 'mongo'",
        "'      role: operations'|'      role: root'|admin.tokens[1].role|must be one of",
        "'    - name: ops'|'    - nam: ops'|admin.tokens[1].name|is required",
        "'  createIfMissing: true'|'  createIfMissing: yes please'|keystore.createIfMissing|must be true or false",
        "'  defaultCountryCode: 91'|'  defaultCountryCode: 0'|numbers.defaultCountryCode|must be between 1 and 999",
        "'      - \"+918000009999\"'|'      - \"12345\"'|pools.tiny.numbers[0]|must be an E.164 number",
        "'      - \"+918000009999\"'|'      - 918000009999'|pools.tiny.numbers[0]|must be a string",
        "'      - \"+918000000000-+918000000999\"'|'      - \"+918000000999-+918000000000\"'|pools.default.ranges[0]|first <= last",
        "'      - \"+918000000000-+918000000999\"'|'      - \"+918000000000\"'|pools.default.ranges[0]|must be \"first-last\"",
        "'  tiny:'|'  Tiny Pool:'|pools.Tiny Pool|pool name must be",
        "'  defaultTtlSeconds: 3600'|'  defaultTtlSeconds: 90000'|sessions.defaultTtlSeconds|must be at most sessions.maxTtlSeconds",
        "'  maxTtlSeconds: 86400'|'  maxTtlSeconds: 0'|sessions.maxTtlSeconds|must be between 60 and",
        "'  id: test-node'|'  id: \"bad node id\"'|node.id|must be 1-64 chars",
        "'  listen: 127.0.0.1'|'  listen: \"http://x/\"'|admin.listen|must be a host name or IP address",
        "'  maxBodyBytes: 65536'|'  maxBodyBytes: 10'|admin.maxBodyBytes|must be between 1024 and 1048576, was 10",
        "'    uri: redis://127.0.0.1:6390'|'    uri: http://127.0.0.1:6390'|store.redis.uri|must be a redis://",
        "'    uri: redis://127.0.0.1:6390'|'    uri: '|store.redis.uri|is required when store.type is redis",
    })
    void invalidValueNamesItsKey(String find, String replace, String key, String reason) {
        String yaml = TestConfs.yaml(dir, "redis://127.0.0.1:6390");
        assertTrue(yaml.contains(find + "\n"), "fixture line not found: " + find);
        String edited = yaml.replace(find + "\n", replace + "\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("test.yaml", edited));
        assertEquals(key, e.key());
        assertTrue(e.getMessage().startsWith(key + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void tokenHashMustBeLowercaseHexAndIsNotEchoed() {
        String bad = "ZZ" + "a".repeat(62);
        String yaml = TestConfs.yaml(dir, "").replaceFirst("sha256: [0-9a-f]{64}", "sha256: " + bad);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("test.yaml", yaml));
        assertEquals("admin.tokens[0].sha256: must be 64 lowercase hex chars", e.getMessage());
    }

    @Test
    void theSameTokenTwiceIsRejected() {
        String yaml = TestConfs.yaml(dir, "");
        String first = yaml.split("sha256: ")[1].substring(0, 64);
        String twice = yaml.replaceAll("sha256: [0-9a-f]{64}", "sha256: " + first);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("t", twice));
        assertEquals("admin.tokens[1].sha256: same token as admin.tokens[0]", e.getMessage());
    }

    @Test
    void inlinePasswordIsRejectedWithoutEchoingIt() {
        String yaml = TestConfs.yaml(dir, "").replace("  createIfMissing: true\n",
                "  createIfMissing: true\n  password: hunter2-secret\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("test.yaml", yaml));
        assertEquals("keystore.password", e.key());
        assertTrue(e.getMessage().contains("keystore.passwordEnv or keystore.passwordFile"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void passwordInRedisUriIsRejectedWithoutEchoingIt() {
        String yaml = TestConfs.yaml(dir, "redis://:hunter2@127.0.0.1:6390");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("test.yaml", yaml));
        assertEquals("store.redis.uri", e.key());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void exactlyOnePasswordSource() {
        String both = TestConfs.yaml(dir, "").replace("  createIfMissing: true\n",
                "  createIfMissing: true\n  passwordEnv: MASKGATE_PW\n");
        assertEquals("keystore.passwordFile",
                assertThrows(ConfigException.class, () -> ConfigLoader.parse("t", both)).key());
        String none = TestConfs.yaml(dir, "").replaceFirst("  passwordFile: .*\n", "");
        assertEquals("keystore.passwordEnv",
                assertThrows(ConfigException.class, () -> ConfigLoader.parse("t", none)).key());
    }

    @Test
    void missingRequiredKeyIsNamed() {
        String yaml = TestConfs.yaml(dir, "").replaceFirst("  file: .*\n", "");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("t", yaml));
        assertEquals("keystore.file", e.key());
    }

    @Test
    void scalarWhereASectionBelongsIsNamed() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> GatewayConfigDef.DEF.parse(Map.of("admin", 5)));
        assertEquals("admin: must be a mapping (a section of keys), was a number", e.getMessage());
    }

    @Test
    void brokenYamlNamesTheFile() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("gw.yaml", "admin: [\n"));
        assertEquals("gw.yaml", e.key());
    }

    @Test
    void unknownKeysAreWarnedOnceWithTheirPath() {
        String yaml = TestConfs.yaml(dir, "").replace("  port: 0\n", "  port: 0\n  prot: 1\n")
                + "extra:\n  thing: 1\n";
        try (CapturedLogs logs = new CapturedLogs()) {
            ConfigLoader.Loaded loaded = ConfigLoader.parse("test.yaml", yaml);
            assertEquals(List.of("admin.prot", "extra"), loaded.values().unknownKeys());
            assertEquals(1, logs.linesContaining("'admin.prot'").size(), logs.lines().toString());
            assertTrue(logs.linesContaining("'admin.prot'").get(0).startsWith("WARN"));
            assertEquals(1, logs.linesContaining("'extra'").size());
        }
    }

    @Test
    void resolvedConfigHidesTokenHashes() {
        ConfigValues values = ConfigLoader.parse("test.yaml", TestConfs.yaml(dir, "")).values();
        String described = String.join("\n", values.describe());
        assertTrue(described.contains("admin.tokens[0].sha256 = [hidden]"), described);
        assertTrue(described.contains("store.redis.commandTimeoutMs = 250"), described);
        assertFalse(described.contains(TestConfs.yaml(dir, "").split("sha256: ")[1].substring(0, 64)), described);
    }

    @Test
    void adminTokenToStringHidesTheHash() {
        AdminToken t = GatewayConfig.from(ConfigLoader.parse("t", TestConfs.yaml(dir, "")).values()).admin().tokens().get(0);
        assertEquals("AdminToken[name=oms, role=provisioning, sha256=[hidden]]", t.toString());
    }

    @Test
    void yamlLoaderIsStrictAboutDuplicateKeys() {
        String yaml = TestConfs.yaml(dir, "") + "node:\n  id: again\n";
        assertThrows(ConfigException.class, () -> ConfigLoader.parse("test.yaml", yaml));
        // sanity: the fixture itself is a valid document
        new Load(LoadSettings.builder().build()).loadFromString(TestConfs.yaml(dir, ""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'    sip: respond\n'|'    sip: redirect\n'|sessions.outOfSession.fallbackNumber|is required when sessions.outOfSession.sip is redirect",
        "'    # fallbackNumber: \"+918000999000\"\n'|'    fallbackNumber: \"98000999000\"\n'|sessions.outOfSession.fallbackNumber|must be a number in E.164",
        "'    sipStatus: 404\n'|'    sipStatus: 503\n'|sessions.outOfSession.sipStatus|must be one of [403, 404, 410, 480, 484, 486, 603]",
        "'    # sipReason: Not Reachable\n'|'    sipReason: \"Call 9812345678\"\n'|sessions.outOfSession.sipReason|no digits",
        "'    sip: respond\n'|'    sip: forward\n'|sessions.outOfSession.sip|must be one of [respond, redirect]",
    })
    void invalidOutOfSessionValueNamesItsKey(String find, String replace, String key, String reason) throws Exception {
        String shipped = Files.readString(SHIPPED);
        assertTrue(shipped.contains(find), "shipped line not found: " + find);
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("test.yaml", shipped.replace(find, replace)));
        assertEquals(key, e.key(), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertFalse(e.getMessage().contains("98000999000"), "the value is not echoed: " + e.getMessage());
    }

    @Test
    void redirectReadsTheFallbackNumber() throws Exception {
        String shipped = Files.readString(SHIPPED);
        GatewayConfig c = ConfigLoader.parse("test.yaml", shipped.replace("    sip: respond\n", "    sip: redirect\n")
                .replace("    # fallbackNumber: \"+918000999000\"\n", "    fallbackNumber: \"+918000999000\"\n")
                .replace("    sipStatus: 404\n", "    sipStatus: 480\n")).config();
        assertEquals(Optional.of(io.maskgate.core.number.PhoneNumber.ofE164("+918000999000")),
                c.sessions().outOfSession().fallback());
        assertEquals(480, c.sessions().outOfSession().sipStatus());
        assertEquals(SessionsConfig.OutOfSession.DEFAULT, ConfigLoader.load(SHIPPED).config().sessions().outOfSession());
    }
}
