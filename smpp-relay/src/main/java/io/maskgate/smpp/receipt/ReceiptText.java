package io.maskgate.smpp.receipt;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The delivery receipt text of SMPP 3.4 Appendix B:
 * {@code id:IIIIIIIIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DDDDDDD
 * err:E Text: ...}. Only the {@code id:} field is read and rewritten; everything else stays octet
 * for octet. Read as ISO-8859-1 so every octet maps to one char and back.
 */
public final class ReceiptText {
    /** {@code id:} at the start or after a space, case-insensitive, up to the next space. */
    private static final Pattern ID = Pattern.compile("(?i)(?:^|(?<= ))id:([^ ]+)");

    private ReceiptText() {}

    /** The message id in the {@code id:} field, if the text has one. */
    public static Optional<String> id(byte[] shortMessage) {
        Matcher m = ID.matcher(new String(shortMessage, StandardCharsets.ISO_8859_1));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The text with the {@code id:} field's value replaced; unchanged when it has none. */
    public static byte[] withId(byte[] shortMessage, String newId) {
        String text = new String(shortMessage, StandardCharsets.ISO_8859_1);
        Matcher m = ID.matcher(text);
        if (!m.find()) {
            return shortMessage.clone();
        }
        String rewritten = text.substring(0, m.start(1)) + newId + text.substring(m.end(1));
        return rewritten.getBytes(StandardCharsets.ISO_8859_1);
    }
}
