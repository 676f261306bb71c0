package io.maskgate.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.maskgate.server.config.AdminToken;
import io.maskgate.server.config.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {

    private final Authenticator auth = new Authenticator(List.of(
            new AdminToken("oms", Role.PROVISIONING, sha256("t-prov")),
            new AdminToken("ops", Role.OPERATIONS, sha256("t-ops"))));

    @Test
    void knownTokensMapToTheirNameAndRole() {
        assertEquals(new Authenticator.Result.Known("ops", Role.OPERATIONS), auth.authenticate(Optional.of("Bearer t-ops")));
        // the scheme is case-insensitive (RFC 7235 section 2.1)
        assertEquals(new Authenticator.Result.Known("oms", Role.PROVISIONING), auth.authenticate(Optional.of("bearer t-prov")));
    }

    @Test
    void missingOrNonBearerIsMissing() {
        assertInstanceOf(Authenticator.Result.Missing.class, auth.authenticate(Optional.empty()));
        assertInstanceOf(Authenticator.Result.Missing.class, auth.authenticate(Optional.of("Basic dXNlcjpwYXNz")));
        assertInstanceOf(Authenticator.Result.Missing.class, auth.authenticate(Optional.of("Bearer ")));
    }

    @Test
    void wrongTokenIsUnknown() {
        assertInstanceOf(Authenticator.Result.Unknown.class, auth.authenticate(Optional.of("Bearer t-prov2")));
        assertInstanceOf(Authenticator.Result.Unknown.class, auth.authenticate(Optional.of("Bearer T-PROV")));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
