package io.maskgate.smpp.relay;

import static io.maskgate.smpp.testing.RelayFixture.V;
import static io.maskgate.smpp.testing.RelayFixture.X;
import static io.maskgate.smpp.testing.RelayFixture.Y;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.maskgate.keystore.tls.TlsMaterial;
import io.maskgate.smpp.pdu.CommandStatus;
import io.maskgate.smpp.server.SmppServerOptions;
import io.maskgate.smpp.testing.RelayFixture;
import io.maskgate.testing.TestPki;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.awaitility.Awaitility;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.connection.socket.SocketConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SMPP over TLS on both faces, real peers on 127.0.0.1: a jsmpp ESME binding to the relay's TLS
 * listener, the relay binding to a TLS SMSC stand-in; certificates from a throwaway PKI.
 */
class SmppTlsIntegrationTest {

    @TempDir
    static Path dir;
    static TestPki pki;

    @BeforeAll
    static void makePki() {
        pki = TestPki.create(dir.resolve("pki"));
    }

    private static RelayFixture relay(boolean requireClientCertificate, Path upstreamTrust) throws Exception {
        TlsMaterial identity = TlsMaterial.load(pki.serverCertificate, pki.serverKey, Optional.of(pki.caCertificate));
        SSLContext smsc = TlsMaterial.load(pki.serverCertificate, pki.serverKey, Optional.empty()).sslContext();
        return new RelayFixture(s -> {
            s.server = s.server.mutate().tls(new SmppServerOptions.TlsListener(0, identity, requireClientCertificate))
                    .build();
            s.smscTls = Optional.of(smsc);
            s.upstreamTls = Optional.of(TlsMaterial.trustOnly(Optional.of(upstreamTrust)));
            return s;
        });
    }

    private static SMPPSession tlsEsme(int port, SSLContext context) throws IOException {
        SMPPSession session = new SMPPSession((host, p) -> new SocketConnection(
                context.getSocketFactory().createSocket(host, p)));
        session.setTransactionTimer(5_000);
        session.connectAndBind("127.0.0.1", port, new BindParameter(BindType.BIND_TRX, "app", "app-pw", "",
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), 5_000);
        return session;
    }

    private static String submit(SMPPSession esme) throws Exception {
        return esme.submitShortMessage(null, TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, X,
                TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, V, new ESMClass(0), (byte) 0, (byte) 0,
                null, null, new RegisteredDelivery(0), (byte) 0, new GeneralDataCoding(), (byte) 0,
                "otp 1234".getBytes(StandardCharsets.US_ASCII)).getMessageId();
    }

    @Test
    void anEsmeBindsOverTlsAndItsSubmitIsRelayedToAnSmscOverTls() throws Exception {
        try (RelayFixture fx = relay(false, pki.caCertificate)) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !fx.smsc.boundSessions().isEmpty());
            SMPPSession esme = tlsEsme(fx.relay.tlsLocalPort().orElseThrow(),
                    TlsMaterial.trustOnly(Optional.of(pki.caCertificate)).sslContext());
            try {
                assertFalse(submit(esme).isEmpty());
                assertEquals(1, fx.smsc.submits().size());
                assertEquals(V, fx.smsc.submits().get(0).getSourceAddr());
                assertEquals(Y, fx.smsc.submits().get(0).getDestAddress());
            } finally {
                esme.unbindAndClose();
            }
        }
    }

    @Test
    void withClientCertificatesRequiredAnEsmeWithoutOneCannotBindButOneWithOneCan() throws Exception {
        try (RelayFixture fx = relay(true, pki.caCertificate)) {
            int port = fx.relay.tlsLocalPort().orElseThrow();
            assertThrows(IOException.class, () -> tlsEsme(port,
                    TlsMaterial.trustOnly(Optional.of(pki.caCertificate)).sslContext()).unbindAndClose());
            assertThrows(IOException.class, () -> tlsEsme(port, TlsMaterial.load(pki.rogueClientCertificate,
                    pki.rogueClientKey, Optional.of(pki.caCertificate)).sslContext()).unbindAndClose());
            SMPPSession esme = tlsEsme(port, TlsMaterial.load(pki.clientCertificate, pki.clientKey,
                    Optional.of(pki.caCertificate)).sslContext());
            esme.unbindAndClose();
        }
    }

    @Test
    void anSmscWhoseCertificateIsNotTrustedIsNeverBoundSoSubmitsCannotBeRelayed() throws Exception {
        try (RelayFixture fx = relay(false, pki.rogueCaCertificate)) {
            SMPPSession esme = tlsEsme(fx.relay.tlsLocalPort().orElseThrow(),
                    TlsMaterial.trustOnly(Optional.of(pki.caCertificate)).sslContext());
            try {
                int status = assertThrows(NegativeResponseException.class, () -> submit(esme)).getCommandStatus();
                assertEquals(CommandStatus.ESME_RSYSERR, status);
                assertEquals(0, fx.smsc.submits().size());
                assertEquals(0, fx.smsc.boundSessions().size());
            } finally {
                esme.unbindAndClose();
            }
        }
    }
}
