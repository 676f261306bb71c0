package io.maskgate.smpp.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The accounts that may bind, and the password check. The check hashes the offered password and
 * compares digests in constant time; an unknown system_id is compared against a dummy digest so
 * that timing does not tell which system_ids exist.
 */
public final class EsmeAccounts {
    private static final byte[] DUMMY_DIGEST = new byte[32];

    private final Map<String, EsmeAccount> bySystemId;

    private EsmeAccounts(Map<String, EsmeAccount> bySystemId) {
        this.bySystemId = bySystemId;
    }

    public static EsmeAccounts of(Collection<EsmeAccount> accounts) {
        return new EsmeAccounts(accounts.stream()
                .collect(Collectors.toUnmodifiableMap(EsmeAccount::systemId, Function.identity())));
    }

    /** Every account (a bounded set from conf: safe as a metric label). */
    public Collection<EsmeAccount> all() {
        return bySystemId.values();
    }

    public Optional<EsmeAccount> find(String systemId) {
        return Optional.ofNullable(bySystemId.get(systemId));
    }

    /** {@link BindVerdict#ACCEPTED}, {@link BindVerdict#UNKNOWN_SYSTEM_ID} or {@link BindVerdict#WRONG_PASSWORD}. */
    public BindVerdict authenticate(String systemId, String password) {
        EsmeAccount account = systemId == null ? null : bySystemId.get(systemId);
        byte[] offered = sha256(password == null ? "" : password);
        byte[] expected = account == null ? DUMMY_DIGEST : HexFormat.of().parseHex(account.passwordSha256Hex());
        boolean match = MessageDigest.isEqual(offered, expected);
        if (account == null) {
            return BindVerdict.UNKNOWN_SYSTEM_ID;
        }
        return match ? BindVerdict.ACCEPTED : BindVerdict.WRONG_PASSWORD;
    }

    /** Hex SHA-256 of a password, as conf stores it. */
    public static String sha256Hex(String password) {
        return HexFormat.of().formatHex(sha256(password));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JRE", e);
        }
    }
}
