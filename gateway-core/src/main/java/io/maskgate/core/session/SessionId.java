package io.maskgate.core.session;

import java.util.Objects;

/** Opaque session identifier handed to the OMS/CRM. Holds no personal data, so it may be logged. */
public record SessionId(String value) {
    public SessionId {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || value.length() > 64 || !allAllowed(value)) {
            throw new IllegalArgumentException("session id must be 1-64 chars of [A-Za-z0-9_-]");
        }
    }

    /** A loop, not {@code chars().allMatch}: one is made per routed message, and the stream cost more than the rest. */
    private static boolean allAllowed(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (!allowed(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean allowed(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    @Override
    public String toString() {
        return value;
    }
}
