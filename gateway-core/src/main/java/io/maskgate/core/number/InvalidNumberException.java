package io.maskgate.core.number;

import java.util.Objects;

/**
 * A string that is not a phone number we accept. The message names only the {@link Reason},
 * never the input: the input is personal data, and a refusal must not echo it into a log.
 * Relays map it to INVALID_NUMBER (SIP 484, SMPP ESME_RINVDSTADR/ESME_RINVSRCADR).
 */
public final class InvalidNumberException extends RuntimeException {

    /** Why the input was refused; stable names, safe for logs and metric tags. */
    public enum Reason {
        /** Null, blank, or only separators. */
        EMPTY,
        /** Anything but digits, one leading {@code +}, and the separators space - . ( ). */
        BAD_CHARACTERS,
        /** Fewer digits than E.164 (8) or than the country's national length. */
        TOO_SHORT,
        /** More digits than E.164 allows (15) or than the country's national length. */
        TOO_LONG,
        /** The country code would start with 0 (e.g. {@code +0...} or {@code 000...}). */
        BAD_COUNTRY_CODE,
        /** The national number after a known country code starts with 0 (a trunk prefix written after {@code +CC}). */
        LEADING_ZERO
    }

    private final Reason reason;

    public InvalidNumberException(Reason reason) {
        super("invalid phone number: " + Objects.requireNonNull(reason, "reason"), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
