package io.maskgate.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.maskgate.smpp.testing.RecordingEsme;
import io.maskgate.smpp.testing.SmscStandIn;
import io.maskgate.testing.RedisServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DeliverSm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The privacy officer's erasure, end to end for SMS: the gateway jar on the shipped conf with the
 * Redis store, a jsmpp SMSC stand-in upstream and a jsmpp ESME. Two customers each get an SMS
 * relayed with a delivery receipt asked for; one of them is erased through the admin API before
 * the SMSC's receipts come back. The erased customer's receipt is acknowledged upstream and
 * never reaches the ESME; the other's arrives as usual, with the proxy number only.
 */
class ErasureEndToEndTest {

    private static final String ERASED_CUSTOMER = "+919812345001";
    private static final String ERASED_RIDER = "+919876543001";
    private static final String KEPT_CUSTOMER = "+919812345002";
    private static final String KEPT_RIDER = "+919876543002";
    private static final String PRIVACY_TOKEN = "mg-e2e-privacy";
    private static final String PRIVACY_TOKEN_SHA256 = "0f96fbe1e0e0a21b4fcbace24ef1f6a25f65cc1071596aa872b76e868d2b91c4";

    @TempDir
    Path work;

    @Test
    void aReceiptOfAnErasedCustomersSmsIsNotDeliveredAndTheOthersIs() throws Exception {
        try (RedisServer redis = RedisServer.startNew();
                SmscStandIn smsc = SmscStandIn.start("maskgate", GatewayProcess.SMSC_PASSWORD)) {
            Path conf = ShippedConf.load().anyAdminPort().anySipPort().anySmppPort().redisStore(redis.uri())
                    .smppUpstreamPort(smsc.port())
                    .set("  tokens:\n", "  tokens:\n    - name: e2e-dpo\n      role: privacy\n      sha256: "
                            + PRIVACY_TOKEN_SHA256 + "\n")
                    .writeTo(work);
            try (GatewayProcess gateway = GatewayProcess.start(conf, work)) {
                GatewayAdmin admin = new GatewayAdmin(gateway);
                Awaitility.await().atMost(Duration.ofSeconds(20))
                        .until(() -> admin.get("/health/ready").statusCode() == 200);
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !smsc.boundSessions().isEmpty());
                String erasedProxy = admin.createSession("order-e-1", "cust-erased", ERASED_CUSTOMER, "rider-e",
                        ERASED_RIDER);
                String keptProxy = admin.createSession("order-k-1", "cust-kept", KEPT_CUSTOMER, "rider-k", KEPT_RIDER);
                try (RecordingEsme esme = RecordingEsme.bind(gateway.smppPort(), BindType.BIND_TRX,
                        QuickStartEsme.SYSTEM_ID, QuickStartEsme.PASSWORD)) {
                    submitAskingReceipt(esme, ERASED_CUSTOMER, erasedProxy);
                    String keptId = submitAskingReceipt(esme, KEPT_CUSTOMER, keptProxy);
                    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> smsc.submitIds().size() == 2);
                    List<String> upstreamIds = smsc.submitIds();

                    HttpResponse<String> erased = admin.post("/v1/subjects/cust-erased/erasure", PRIVACY_TOKEN);
                    assertEquals(200, erased.statusCode(), erased.body());

                    // The erased message's receipt first: by the time the other one reaches the
                    // ESME, this one would have too.
                    assertEquals(0, receipt(smsc, ERASED_RIDER, erasedProxy, upstreamIds.get(0)),
                            "acknowledged upstream, so the SMSC does not retry it");
                    assertEquals(0, receipt(smsc, KEPT_RIDER, keptProxy, upstreamIds.get(1)));
                    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !esme.delivered().isEmpty());

                    assertEquals(1, esme.delivered().size(), "only the kept customer's receipt");
                    DeliverSm receipt = esme.delivered().get(0);
                    assertEquals(keptProxy.substring(1), receipt.getSourceAddr());
                    assertEquals(KEPT_CUSTOMER.substring(1), receipt.getDestAddress());
                    String text = new String(receipt.getShortMessage(), StandardCharsets.US_ASCII);
                    assertEquals("id:" + keptId + " stat:DELIVRD", text);
                    for (byte[] pdu : esme.receivedPdus()) {
                        String wire = new String(pdu, StandardCharsets.ISO_8859_1);
                        assertFalse(wire.contains(KEPT_RIDER.substring(1)) || wire.contains(ERASED_RIDER.substring(1)),
                                "a rider's real number reached the ESME");
                    }
                }
            }
        }
    }

    /** A submit_sm asking for a delivery receipt; the gateway's message id. */
    private static String submitAskingReceipt(RecordingEsme esme, String fromE164, String proxy) throws Exception {
        String id = QuickStartEsme.submit(esme.session(), fromE164, proxy, "on the way", true);
        assertFalse(id.isBlank());
        return id;
    }

    /** The SMSC's delivery receipt (esm_class 0x04) from the rider's real number to the proxy. */
    private static int receipt(SmscStandIn smsc, String riderE164, String proxy, String upstreamId) throws Exception {
        return SmscStandIn.deliver(smsc.boundSessions().get(0), riderE164.substring(1), proxy.substring(1), (byte) 0x04,
                ("id:" + upstreamId + " stat:DELIVRD").getBytes(StandardCharsets.US_ASCII));
    }
}
