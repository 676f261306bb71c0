package io.maskgate.core.session;

import io.maskgate.core.number.PhoneNumber;
import java.util.Objects;

/**
 * One side of a session: a pseudonymous id chosen by the OMS/CRM (e.g. {@code cust-123}, never a
 * phone number) and the real number, which never leaves the gateway unencrypted except on the
 * leg towards this participant.
 */
public record Participant(String id, PhoneNumber number) {
    public Participant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(number, "number");
    }

    @Override
    public String toString() {
        return "Participant[id=" + id + ", number=" + number.masked() + "]";
    }
}
