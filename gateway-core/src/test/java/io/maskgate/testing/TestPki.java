package io.maskgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway PKI for TLS tests, made in-process with BouncyCastle and written as PEM files into a
 * directory: a CA, a server certificate for 127.0.0.1 / ::1 / localhost and a client certificate
 * signed by it, and a second, untrusted CA with its own client certificate. EC P-256 keys (fast to
 * make). Valid from an hour ago for a day.
 */
public final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    /** The directory the PEM files are in. */
    public final Path dir;
    public final Path caCertificate;
    public final Path serverCertificate;
    public final Path serverKey;
    public final Path clientCertificate;
    public final Path clientKey;
    /** A CA nobody in the test trusts, and a client certificate it signed. */
    public final Path rogueCaCertificate;
    public final Path rogueClientCertificate;
    public final Path rogueClientKey;

    private TestPki(Path dir) {
        this.dir = dir;
        this.caCertificate = dir.resolve("ca.pem");
        this.serverCertificate = dir.resolve("server.pem");
        this.serverKey = dir.resolve("server.key");
        this.clientCertificate = dir.resolve("client.pem");
        this.clientKey = dir.resolve("client.key");
        this.rogueCaCertificate = dir.resolve("rogue-ca.pem");
        this.rogueClientCertificate = dir.resolve("rogue-client.pem");
        this.rogueClientKey = dir.resolve("rogue-client.key");
    }

    /** Makes every key and certificate and writes them under {@code dir}. */
    public static TestPki create(Path dir) {
        TestPki pki = new TestPki(dir);
        try {
            Files.createDirectories(dir);
            KeyPair ca = keyPair();
            X509Certificate caCert = certificate("CN=MaskGate Test CA", ca, "CN=MaskGate Test CA", ca, true, false);
            write(pki.caCertificate, caCert);
            KeyPair server = keyPair();
            write(pki.serverCertificate, certificate("CN=localhost", server, "CN=MaskGate Test CA", ca, false, true));
            write(pki.serverKey, server.getPrivate());
            KeyPair client = keyPair();
            write(pki.clientCertificate, certificate("CN=carrier", client, "CN=MaskGate Test CA", ca, false, false));
            write(pki.clientKey, client.getPrivate());
            KeyPair rogueCa = keyPair();
            write(pki.rogueCaCertificate, certificate("CN=Rogue CA", rogueCa, "CN=Rogue CA", rogueCa, true, false));
            KeyPair rogue = keyPair();
            write(pki.rogueClientCertificate, certificate("CN=rogue", rogue, "CN=Rogue CA", rogueCa, false, false));
            write(pki.rogueClientKey, rogue.getPrivate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make test certificates", e);
        }
        return pki;
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509Certificate certificate(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys,
            boolean ca, boolean server) throws IOException, GeneralSecurityException, OperatorCreationException {
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(1))), new X500Name(subject), subjectKeys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (server) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1"),
                new GeneralName(GeneralName.dNSName, "localhost")}));
        }
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }

    private static void write(Path file, Object pemObject) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            // keys as PKCS#8 "PRIVATE KEY", what openssl genpkey writes
            pem.writeObject(pemObject instanceof java.security.PrivateKey key ? new JcaPKCS8Generator(key, null) : pemObject);
        }
    }
}
