package io.maskgate.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.core.number.PhoneNumber;
import io.maskgate.sip.policy.LeakPattern;
import io.maskgate.testing.FreePorts;
import io.maskgate.testing.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Digest authentication of carriers as ops turn it on: {@code sip.auth} in the shipped conf with a
 * password file, the gateway jar as a process, sipp's own digest client as the carrier. A carrier
 * with the password is challenged once and reaches the rider; its credentials stay on its leg.
 * A password file that is not there stops start-up naming its key.
 */
class SipDigestAuthEndToEndTest {

    private static final PhoneNumber CUSTOMER = PhoneNumber.ofE164("+919812345678");
    private static final PhoneNumber RIDER = PhoneNumber.ofE164("+919876543210");
    private static final String USER = "carrier-a";
    private static final String PASSWORD = "from a file, never the conf";

    @TempDir
    Path work;

    @Test
    void aCarrierWithThePasswordIsChallengedOnceAndReachesTheRider() throws Exception {
        Path passwordFile = work.resolve("carrier-a.password");
        Files.writeString(passwordFile, PASSWORD + "\n");
        int trunkPort = FreePorts.tcpAndUdp();
        try (RedisServer redis = RedisServer.startNew()) {
            Path conf = ShippedConf.load().anyAdminPort().anySmppPort().anySipPort().sipTrunkPort(trunkPort)
                    .sipTrunkPingsOff().redisStore(redis.uri()).sipDigestAuth(USER, passwordFile).writeTo(work);
            try (GatewayProcess gateway = GatewayProcess.start(conf, work)) {
                GatewayAdmin admin = new GatewayAdmin(gateway);
                Awaitility.await().atMost(Duration.ofSeconds(20))
                        .until(() -> admin.get("/health/ready").statusCode() == 200);
                String proxy = admin.createSession("order-auth-1", CUSTOMER.e164(), RIDER.e164());
                try (Sipp rider = Sipp.uas(work.resolve("uas"), "uas-answer-wait-bye.xml", trunkPort, RIDER.e164());
                     Sipp carrier = Sipp.uacWithCredentials(work.resolve("uac"), "uac-auth-call.xml",
                             gateway.sipUdpPort(), proxy, CUSTOMER.e164(), USER, PASSWORD)) {
                    carrier.assertPassed();
                    rider.assertPassed();
                    assertTrue(carrier.messageLogText().contains("SIP/2.0 407"), carrier.messageLogText());
                    String riderSaw = rider.messageLogText();
                    assertFalse(riderSaw.contains("Authorization") || riderSaw.contains(USER),
                            "the carrier's credentials reached the rider's trunk");
                    assertFalse(LeakPattern.of(CUSTOMER, "91").foundIn(rider.messageLog()),
                            "the rider's trunk saw the customer's number");
                }
                assertFalse(gateway.output().contains(PASSWORD), "the password is in the log");
            }
        }
    }

    @Test
    void aPasswordFileThatIsNotThereStopsStartUpNamingItsKey() throws Exception {
        Path conf = ShippedConf.load().anyAdminPort().anySmppPort().anySipPort()
                .sipDigestAuth(USER, work.resolve("missing.password")).writeTo(work);
        GatewayProcess.Finished run = GatewayProcess.runToExit(work, "--conf", conf.toString());
        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.output().contains("sip.auth.users[0].passwordFile"), run.output());
    }
}
