package io.maskgate.core.audit;

import io.maskgate.core.events.SafeText;
import io.maskgate.core.routing.Channel;
import io.maskgate.core.routing.RefusalReason;
import io.maskgate.core.session.SessionId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The decision log's line format, version 1: one record per line, UTF-8, fields separated by a TAB,
 * the line ended by LF.
 *
 * <pre>
 *  #   field           example
 *  0   format version  v1
 *  1   seq             1042
 *  2   time            2025-06-01T10:15:30.123Z (ISO-8601, UTC)
 *  3   node            gw-a
 *  4   channel         voice | sms
 *  5   outcome         routed | refused | fallback
 *  6   reason          consent_denied (empty when routed)
 *  7   session id      0c-Zm9vYmFy (empty when unknown)
 *  8   purpose         delivery
 *  9   caller id       cust-123 (pseudonymous)
 *  10  callee id       rider-77 (pseudonymous)
 *  11  consent id      cd-9f2 (the consent platform's decision id)
 *  12  audit key id    1
 *  13  mac             base64url, no padding, of HMAC-SHA256(key, previous mac || bytes of fields 0-12)
 * </pre>
 *
 * The "canonical bytes" of a line are the UTF-8 bytes of fields 0 to 12 exactly as written, TABs
 * included: the verifier checks the bytes in the file, not a re-encoding of what it parsed. Text
 * fields escape {@code \}, TAB, CR and LF (and other control characters as {@code \\uXXXX}), so a
 * value can never add a field or a line. An absent value is an empty field.
 *
 * <h2>Action lines, format a1</h2>
 * <pre>
 *  #   field           example
 *  0   format version  a1
 *  1   seq             1043
 *  2   time            2025-06-01T10:16:00Z
 *  3   node            gw-a
 *  4   action          erasure | access | break-glass | retention
 *  5   actor           dpo-desk (admin token name, or the job's name)
 *  6   target          3f0c... (a subject's blind index, a session id, or -)
 *  7   detail          sessions=2 consentEntries=1 ... (key=value pairs)
 *  8   audit key id    1
 *  9   mac             as for v1
 * </pre>
 * Action lines share the sequence and the chain with decision lines ({@link ActionRecord}).
 *
 * <p>Why not JSON: gateway-core has no JSON library, and a fixed field order gives one canonical
 * form without a canonicalisation step. Why base64url for the tag rather than hex: a hex string of
 * 43 random characters often holds ten digits in a row, which a scanner looking for phone numbers
 * (or {@code grep}) would flag; base64url rarely does.
 */
final class AuditLineFormat {

    static final String VERSION = "v1";
    static final int FIELDS = 14;
    static final String ACTION_VERSION = "a1";
    static final int ACTION_FIELDS = 10;

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private AuditLineFormat() {
    }

    /** Every field but the mac, TAB-separated, for either kind of record. */
    static String canonical(long seq, String node, LogRecord r, int keyId) {
        return r instanceof DecisionRecord d ? canonical(seq, node, d, keyId)
                : canonicalAction(seq, node, (ActionRecord) r, keyId);
    }

    /** Fields 0 to 8 of an action line. */
    static String canonicalAction(long seq, String node, ActionRecord r, int keyId) {
        StringBuilder b = new StringBuilder(128);
        b.append(ACTION_VERSION).append('\t').append(seq).append('\t').append(r.time()).append('\t');
        escape(node, b).append('\t');
        b.append(r.action().tag()).append('\t');
        escape(r.actor().value(), b).append('\t');
        b.append(r.target()).append('\t');
        escape(r.detail().value(), b).append('\t');
        return b.append(keyId).toString();
    }

    /** Fields 0 to 12, TAB-separated, without the trailing TAB and mac. */
    static String canonical(long seq, String node, DecisionRecord r, int keyId) {
        StringBuilder b = new StringBuilder(160);
        b.append(VERSION).append('\t').append(seq).append('\t').append(r.time()).append('\t');
        escape(node, b).append('\t');
        b.append(r.channel().tag()).append('\t').append(r.outcome().tag()).append('\t');
        b.append(r.reason().map(RefusalReason::tag).orElse("")).append('\t');
        b.append(r.sessionId().map(SessionId::value).orElse("")).append('\t');
        text(r.purpose(), b).append('\t');
        text(r.callerId(), b).append('\t');
        text(r.calleeId(), b).append('\t');
        text(r.consentDecisionId(), b).append('\t');
        return b.append(keyId).toString();
    }

    static byte[] bytes(String canonical) {
        return canonical.getBytes(StandardCharsets.UTF_8);
    }

    /** The whole line, LF included. */
    static String line(String canonical, byte[] mac) {
        return canonical + '\t' + B64.encodeToString(mac) + '\n';
    }

    static String macText(byte[] mac) {
        return B64.encodeToString(mac);
    }

    /** @throws IllegalArgumentException if the text is not a base64url 32-byte tag */
    static byte[] macBytes(String text) {
        byte[] mac = B64D.decode(text);
        if (mac.length != 32) {
            throw new IllegalArgumentException("mac is " + mac.length + " bytes, not 32");
        }
        return mac;
    }

    /** First line of an evidence export: {@code #anchor TAB v1 TAB seq TAB mac}, the chain state before its records. */
    static final String ANCHOR_PREFIX = "#anchor\t";

    static String anchorLine(long seq, byte[] mac) {
        return ANCHOR_PREFIX + VERSION + '\t' + seq + '\t' + macText(mac) + '\n';
    }

    /**
     * @return the chain state an anchor line stands for
     * @throws IllegalArgumentException if it is not a valid anchor line
     */
    static LogTail parseAnchor(String line) {
        List<String> f = split(line);
        if (f.size() != 4 || !"#anchor".equals(f.get(0)) || !VERSION.equals(f.get(1))) {
            throw new IllegalArgumentException("not an anchor line");
        }
        long seq = field("anchor seq", f.get(2), Long::parseLong);
        if (seq < 0) {
            throw new IllegalArgumentException("invalid anchor seq");
        }
        return new LogTail(seq, field("anchor mac", f.get(3), AuditLineFormat::macBytes));
    }

    /** A parsed line, or why it is not one; {@code canonical} is the raw text the mac covers. */
    record Parsed(AuditEntry entry, String canonical) {
    }

    /**
     * Parses one line (without its LF).
     *
     * @throws IllegalArgumentException saying which field is wrong; never echoes field values,
     *     which in a tampered file could be anything
     */
    static Parsed parse(String line) {
        List<String> f = split(line);
        if (!f.isEmpty() && ACTION_VERSION.equals(f.get(0))) {
            return parseAction(line, f);
        }
        if (f.size() != FIELDS) {
            throw new IllegalArgumentException("has " + f.size() + " fields, not " + FIELDS);
        }
        if (!VERSION.equals(f.get(0))) {
            throw new IllegalArgumentException("unknown format version");
        }
        long seq = field("seq", f.get(1), Long::parseLong);
        Instant time = field("time", f.get(2), Instant::parse);
        String node = unescape(f.get(3));
        Channel channel = field("channel", f.get(4), v -> Channel.valueOf(upper(v)));
        DecisionRecord.Outcome outcome = field("outcome", f.get(5), v -> DecisionRecord.Outcome.valueOf(upper(v)));
        Optional<RefusalReason> reason = optional("reason", f.get(6), v -> RefusalReason.valueOf(upper(v)));
        Optional<SessionId> session = optional("session id", f.get(7), SessionId::new);
        int keyId = field("key id", f.get(12), Integer::parseInt);
        String mac = f.get(13);
        field("mac", mac, AuditLineFormat::macBytes);
        DecisionRecord record = field("record", "", v -> new DecisionRecord(time, channel, outcome, reason, session,
                safe(f.get(8)), safe(f.get(9)), safe(f.get(10)), safe(f.get(11))));
        AuditEntry entry = field("entry", "", v -> new AuditEntry(seq, node, record, keyId, mac));
        return new Parsed(entry, line.substring(0, line.lastIndexOf('\t')));
    }

    private static Parsed parseAction(String line, List<String> f) {
        if (f.size() != ACTION_FIELDS) {
            throw new IllegalArgumentException("has " + f.size() + " fields, not " + ACTION_FIELDS);
        }
        long seq = field("seq", f.get(1), Long::parseLong);
        Instant time = field("time", f.get(2), Instant::parse);
        String node = unescape(f.get(3));
        ActionRecord.Action action = field("action", f.get(4), ActionRecord.Action::fromTag);
        int keyId = field("key id", f.get(8), Integer::parseInt);
        String mac = f.get(9);
        field("mac", mac, AuditLineFormat::macBytes);
        ActionRecord record = field("record", "", v -> new ActionRecord(time, action, SafeText.of(unescape(f.get(5))),
                f.get(6), SafeText.of(unescape(f.get(7)))));
        AuditEntry entry = field("entry", "", v -> new AuditEntry(seq, node, record, keyId, mac));
        return new Parsed(entry, line.substring(0, line.lastIndexOf('\t')));
    }

    private static <T> T field(String name, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException("invalid " + name, e);
        }
    }

    private static <T> Optional<T> optional(String name, String value, Function<String, T> parser) {
        return value.isEmpty() ? Optional.empty() : Optional.of(field(name, value, parser));
    }

    private static Optional<SafeText> safe(String escaped) {
        return escaped.isEmpty() ? Optional.empty() : Optional.of(SafeText.of(unescape(escaped)));
    }

    private static String upper(String tag) {
        return tag.toUpperCase(Locale.ROOT);
    }

    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>(FIELDS);
        int start = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '\t') {
                fields.add(line.substring(start, i));
                start = i + 1;
            }
        }
        fields.add(line.substring(start));
        return fields;
    }

    private static StringBuilder text(Optional<SafeText> value, StringBuilder b) {
        return value.isPresent() ? escape(value.get().value(), b) : b;
    }

    static StringBuilder escape(String s, StringBuilder b) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b;
    }

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                b.append(c);
                continue;
            }
            char next = s.charAt(++i);
            switch (next) {
                case 't' -> b.append('\t');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 'u' -> {
                    if (i + 4 >= s.length()) {
                        throw new IllegalArgumentException("truncated \\u escape");
                    }
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> b.append(next);
            }
        }
        return b.toString();
    }
}
