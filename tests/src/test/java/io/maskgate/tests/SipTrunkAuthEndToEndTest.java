package io.maskgate.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.core.number.PhoneNumber;
import io.maskgate.sip.policy.LeakPattern;
import io.maskgate.testing.FreePorts;
import io.maskgate.testing.RedisServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trunk that authenticates the gateway by digest, as ops configure it: {@code authUsername} and
 * {@code authPasswordFile} on the shipped trunk, the gateway jar as a process, a sipp trunk whose
 * {@code verifyauth} checks the answers to its challenges of the INVITE and the BYE. The password
 * never reaches the wire or the log; a reload naming a password file that is not there is refused
 * with its key, and the running account stays in use; a password file rotated in place is read at
 * the next reload.
 */
class SipTrunkAuthEndToEndTest {

    private static final PhoneNumber CUSTOMER = PhoneNumber.ofE164("+919812345678");
    private static final PhoneNumber RIDER = PhoneNumber.ofE164("+919876543210");
    /** What uas-auth-trunk.xml's verifyauth expects. */
    private static final String USER = "maskgate-trunk";
    private static final String PASSWORD = "trunk secret";

    @TempDir
    Path work;

    @Test
    void callsReachARiderBehindAnAuthenticatingTrunkAndABadReloadChangesNothing() throws Exception {
        Path passwordFile = work.resolve("trunk.password");
        Files.writeString(passwordFile, PASSWORD + "\n");
        int trunkPort = FreePorts.tcpAndUdp();
        try (RedisServer redis = RedisServer.startNew()) {
            ShippedConf conf = ShippedConf.load().anyAdminPort().anySmppPort().anySipPort().sipTrunkPort(trunkPort)
                    .sipTrunkPingsOff().redisStore(redis.uri()).sipTrunkAccount(USER, passwordFile);
            Path confFile = conf.writeTo(work);
            try (GatewayProcess gateway = GatewayProcess.start(confFile, work)) {
                GatewayAdmin admin = new GatewayAdmin(gateway);
                Awaitility.await().atMost(Duration.ofSeconds(20))
                        .until(() -> admin.get("/health/ready").statusCode() == 200);
                String proxy = admin.createSession("order-trunk-auth-1", CUSTOMER.e164(), RIDER.e164());
                callThroughTheAuthenticatingTrunk(gateway, proxy, trunkPort, "first");

                conf.set("      authPasswordFile: \"" + passwordFile + "\"\n",
                        "      authPasswordFile: \"" + work.resolve("rotated-away.password") + "\"\n").writeTo(work);
                HttpResponse<String> refused = admin.reload();
                assertEquals(422, refused.statusCode(), refused.body());
                assertTrue(refused.body().contains("sip.trunks[0].authPasswordFile"), refused.body());

                callThroughTheAuthenticatingTrunk(gateway, proxy, trunkPort, "after-refused-reload");

                // a rotated file is read at the next reload, even one that changes no key
                conf.set("      authPasswordFile: \"" + work.resolve("rotated-away.password") + "\"\n",
                        "      authPasswordFile: \"" + passwordFile + "\"\n").writeTo(work);
                Files.writeString(passwordFile, "rotated on our side only\n");
                assertEquals(200, admin.reload().statusCode());
                try (Sipp trunk = Sipp.uas(work.resolve("rotated/uas"), "uas-auth-trunk.xml", trunkPort, RIDER.e164());
                     Sipp carrier = Sipp.uac(work.resolve("rotated/uac"), "uac-refused-403.xml", gateway.sipUdpPort(),
                             proxy, CUSTOMER.e164())) {
                    carrier.assertPassed();
                    trunk.assertPassed();
                    assertTrue(trunk.messageLogText().contains("403 Wrong credentials on the INVITE"),
                            trunk.messageLogText());
                }
                Files.writeString(passwordFile, PASSWORD + "\n");
                assertEquals(200, admin.reload().statusCode());
                callThroughTheAuthenticatingTrunk(gateway, proxy, trunkPort, "restored");
                assertFalse(gateway.output().contains(PASSWORD), "the trunk password is in the log");
            }
        }
    }

    @Test
    void aTrunkPasswordFileThatIsNotThereStopsStartUpNamingItsKey() throws Exception {
        Path conf = ShippedConf.load().anyAdminPort().anySmppPort().anySipPort()
                .sipTrunkAccount(USER, work.resolve("missing.password")).writeTo(work);
        GatewayProcess.Finished run = GatewayProcess.runToExit(work, "--conf", conf.toString());
        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.output().contains("sip.trunks[0].authPasswordFile"), run.output());
    }

    private void callThroughTheAuthenticatingTrunk(GatewayProcess gateway, String proxy, int trunkPort, String name) {
        try (Sipp trunk = Sipp.uas(work.resolve(name + "/uas"), "uas-auth-trunk.xml", trunkPort, RIDER.e164());
             Sipp carrier = Sipp.uac(work.resolve(name + "/uac"), "uac-call-bye.xml", gateway.sipUdpPort(), proxy,
                     CUSTOMER.e164())) {
            carrier.assertPassed();
            trunk.assertPassed();
            String trunkSaw = trunk.messageLogText();
            assertFalse(trunkSaw.contains("Wrong credentials"), trunkSaw);
            assertTrue(trunkSaw.contains("Authorization: Digest username=\"" + USER + "\""), trunkSaw);
            assertFalse(trunkSaw.contains(PASSWORD), "the password itself went on the wire");
            assertFalse(LeakPattern.of(CUSTOMER, "91").foundIn(trunk.messageLog()),
                    "the rider's trunk saw the customer's number");
            assertFalse(carrier.messageLogText().contains("WWW-Authenticate"), "the trunk's challenge reached the carrier");
        }
    }
}
