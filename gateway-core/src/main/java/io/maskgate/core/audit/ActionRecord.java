package io.maskgate.core.audit;

import io.maskgate.core.events.SafeText;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * An action on personal data taken through the admin API or by a scheduled job, kept in the
 * decision log next to the routing decisions (line format {@code a1}, see {@link AuditLineFormat}).
 * Every text is a {@link SafeText}, so not even a careless caller can put a phone number here.
 *
 * @param time when the action was taken
 * @param action what was done
 * @param actor who: the admin token's name, or the job's name
 * @param target on what: a subject's blind index (32 lowercase hex), a session id, or {@code -}; checked
 *     against those shapes rather than masked, because masking digit runs would corrupt a hex token
 * @param detail what came of it, as {@code key=value} pairs separated by spaces (counts, a reason)
 */
public record ActionRecord(Instant time, Action action, SafeText actor, String target, SafeText detail)
        implements LogRecord {

    /** The actions the log knows; the tag is the value in the line. */
    public enum Action {
        /** Erasure of a data principal's data (DPDP Act section 12). */
        ERASURE,
        /** A data principal's access request: which sessions they had. */
        ACCESS,
        /** A break-glass token revealed a session's real numbers. */
        BREAK_GLASS,
        /** The retention job purged what outlived its purpose's retention. */
        RETENTION;

        public String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Action fromTag(String tag) {
            return valueOf(tag.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /** Subject token, session id (as the store makes them), or none. */
    private static final java.util.regex.Pattern TARGET =
            java.util.regex.Pattern.compile("[0-9a-f]{32}|[0-9a-f]{8}-[A-Za-z0-9_-]{22}|-");

    public ActionRecord {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(target, "target");
        if (!TARGET.matcher(target).matches()) {
            throw new IllegalArgumentException("target must be a subject token, a session id or -");
        }
        Objects.requireNonNull(detail, "detail");
    }

    /** Convenience: every text through {@link SafeText#of}. */
    public static ActionRecord of(Instant time, Action action, String actor, String target, String detail) {
        return new ActionRecord(time, action, SafeText.of(actor), target, SafeText.of(detail));
    }
}
