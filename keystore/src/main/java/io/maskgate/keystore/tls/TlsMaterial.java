package io.maskgate.keystore.tls;

import io.maskgate.keystore.tls.TlsMaterialException.Part;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS key material for SIP-TLS and SMPP-TLS, from PEM files named in conf: our certificate chain
 * and private key (when we have an identity), and the CAs we trust for peers (when not the JVM's).
 * Loading checks everything a handshake would only find later: the files parse, the key is not
 * encrypted, and the key belongs to the certificate; failures are {@link TlsMaterialException}s
 * naming the file.
 *
 * <p>Hands out JDK {@link KeyManagerFactory} / {@link TrustManagerFactory} (for Netty's
 * SslContextBuilder) and an {@link SSLContext} (for plain sockets). Immutable, thread-safe.
 */
public final class TlsMaterial {

    /** The only protocol versions we speak, newest first: TLS 1.0 and 1.1 are deprecated (RFC 8996). */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private final Optional<KeyManagerFactory> keyManagers;
    private final Optional<TrustManagerFactory> trustManagers;
    private final Optional<X509Certificate> certificate;

    private TlsMaterial(Optional<KeyManagerFactory> keyManagers, Optional<TrustManagerFactory> trustManagers,
            Optional<X509Certificate> certificate) {
        this.keyManagers = keyManagers;
        this.trustManagers = trustManagers;
        this.certificate = certificate;
    }

    /**
     * Our identity and, optionally, the CAs we trust for peers.
     *
     * @param certificateChain PEM certificates, ours first, then intermediates
     * @param privateKey PEM private key of the first certificate (unencrypted)
     * @param trustedCas PEM CA certificates peers must chain to; empty: the JVM's default CAs
     */
    public static TlsMaterial load(Path certificateChain, Path privateKey, Optional<Path> trustedCas) {
        List<X509Certificate> chain = PemFiles.certificates(certificateChain, Part.CERTIFICATE);
        PrivateKey key = PemFiles.privateKey(privateKey);
        if (!belongTogether(key, chain.get(0))) {
            throw TlsMaterialException.keyDoesNotMatch(privateKey, certificateChain);
        }
        return new TlsMaterial(Optional.of(keyManagers(key, chain)), trustedCas.map(TlsMaterial::trustManagers),
                Optional.of(chain.get(0)));
    }

    /** No identity of ours (a TLS client that presents no certificate), only whom to trust. */
    public static TlsMaterial trustOnly(Optional<Path> trustedCas) {
        return new TlsMaterial(Optional.empty(), trustedCas.map(TlsMaterial::trustManagers), Optional.empty());
    }

    /** Our key and chain; empty for {@link #trustOnly}. */
    public Optional<KeyManagerFactory> keyManagers() {
        return keyManagers;
    }

    /** The CAs from the trusted-CAs file; empty: use the JVM's default CAs. */
    public Optional<TrustManagerFactory> trustManagers() {
        return trustManagers;
    }

    /** A JDK TLS context over this material (SecureRandom default). */
    public SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.map(KeyManagerFactory::getKeyManagers).orElse(null),
                    trustManagers.map(TrustManagerFactory::getTrustManagers).orElse(null), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM has no usable TLS implementation", e);
        }
    }

    /**
     * Proof of possession: a signature by the key verifies under the certificate's public key.
     * Works for every key type the JDK signs with, without comparing key encodings.
     */
    private static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "Ed448" -> "Ed448";
            default -> null;
        };
        if (algorithm == null) {
            return false;
        }
        try {
            byte[] probe = "maskgate key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // e.g. an EC key against an RSA certificate: InvalidKeyException
        }
    }

    private static KeyManagerFactory keyManagers(PrivateKey key, List<X509Certificate> chain) {
        try {
            // an in-memory store only, never written: the password only satisfies the API
            char[] password = Long.toHexString(new SecureRandom().nextLong()).toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("maskgate", key, password, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, password);
            return kmf;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot hold the TLS key in memory", e);
        }
    }

    private static TrustManagerFactory trustManagers(Path cas) {
        List<X509Certificate> certificates = PemFiles.certificates(cas, Part.TRUSTED_CAS);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("ca-" + i, certificates.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            return tmf;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot hold the trusted CAs in memory", e);
        }
    }

    @Override
    public String toString() {
        return "TlsMaterial[identity=" + certificate.map(c -> c.getSubjectX500Principal().getName()).orElse("none")
                + ", trust=" + (trustManagers.isPresent() ? "file" : "jvm") + "]";
    }
}
