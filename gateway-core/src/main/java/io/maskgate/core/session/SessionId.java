package io.maskgate.core.session;

import java.util.Objects;

/** Opaque session identifier handed to the OMS/CRM. Holds no personal data, so it may be logged. */
public record SessionId(String value) {
    public SessionId {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || value.length() > 64 || !value.chars().allMatch(SessionId::allowed)) {
            throw new IllegalArgumentException("session id must be 1-64 chars of [A-Za-z0-9_-]");
        }
    }

    private static boolean allowed(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    @Override
    public String toString() {
        return value;
    }
}
