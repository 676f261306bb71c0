package io.maskgate.keystore.tls;

import io.maskgate.keystore.tls.TlsMaterialException.Part;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads PEM files (RFC 7468) with BouncyCastle: certificates, and unencrypted private keys in any
 * of the common encodings (PKCS#8 "PRIVATE KEY", PKCS#1 "RSA PRIVATE KEY", SEC1 "EC PRIVATE KEY"),
 * since carriers and CAs hand out all of them. An encrypted key is refused: its password would
 * have to live next to it, which protects nothing; the file's permissions do.
 */
final class PemFiles {

    private PemFiles() {
    }

    /** Every certificate in the file, in file order (a chain: the leaf first). At least one. */
    static List<X509Certificate> certificates(Path file, Part part) {
        List<X509Certificate> out = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(r)) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof X509CertificateHolder holder) {
                    out.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw TlsMaterialException.unreadable(part, file, e);
        }
        if (out.isEmpty()) {
            throw TlsMaterialException.invalid(part, file, "no CERTIFICATE block");
        }
        return out;
    }

    /** The one private key in the file. */
    static PrivateKey privateKey(Path file) {
        Object o;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(r)) {
            o = parser.readObject();
            while (o != null && !isKey(o)) {
                o = parser.readObject(); // e.g. "EC PARAMETERS" before an EC key
            }
        } catch (IOException | RuntimeException e) {
            throw TlsMaterialException.unreadable(Part.PRIVATE_KEY, file, e);
        }
        if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
            throw TlsMaterialException.invalid(Part.PRIVATE_KEY, file,
                    "the key is encrypted; store it unencrypted, readable only by the gateway's user");
        }
        try {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo()); // SEC1 keys may omit the public key
            }
            if (o instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
        } catch (IOException e) {
            throw TlsMaterialException.unreadable(Part.PRIVATE_KEY, file, e);
        }
        throw TlsMaterialException.invalid(Part.PRIVATE_KEY, file, "no PRIVATE KEY block");
    }

    private static boolean isKey(Object o) {
        return o instanceof PEMKeyPair || o instanceof PrivateKeyInfo || o instanceof PEMEncryptedKeyPair
                || o instanceof PKCS8EncryptedPrivateKeyInfo;
    }
}
