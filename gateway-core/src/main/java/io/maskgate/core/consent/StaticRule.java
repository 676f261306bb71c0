package io.maskgate.core.consent;

import io.maskgate.core.routing.Channel;
import java.util.Locale;
import java.util.Objects;

/**
 * One rule of {@link StaticConsentSource}, as written in conf: each of {@code purpose},
 * {@code channel} and {@code subjectPrefix} is a literal or {@value #ANY}.
 *
 * @param purpose exact purpose, or {@value #ANY}
 * @param channel {@code voice}, {@code sms} or {@value #ANY}
 * @param subjectPrefix the subject id starts with it, or {@value #ANY} (an empty prefix would
 *     match everything too; write {@value #ANY} to say so)
 * @param decision what the rule answers
 */
public record StaticRule(String purpose, String channel, String subjectPrefix, SourceAnswer.Decision decision) {

    /** Matches any value. */
    public static final String ANY = "*";

    public StaticRule {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(subjectPrefix, "subjectPrefix");
        Objects.requireNonNull(decision, "decision");
        if (purpose.isEmpty() || subjectPrefix.isEmpty()) {
            throw new IllegalArgumentException("purpose and subject prefix must not be empty; use " + ANY);
        }
        if (!ANY.equals(channel)) {
            channel = channel.toLowerCase(Locale.ROOT);
            if (!Channel.VOICE.tag().equals(channel) && !Channel.SMS.tag().equals(channel)) {
                throw new IllegalArgumentException("channel must be voice, sms or " + ANY + ", was " + channel);
            }
        }
    }

    boolean matches(ConsentQuery q) {
        return (ANY.equals(purpose) || purpose.equals(q.purpose()))
                && (ANY.equals(channel) || channel.equals(q.channel().tag()))
                && (ANY.equals(subjectPrefix) || q.subjectId().startsWith(subjectPrefix));
    }
}
