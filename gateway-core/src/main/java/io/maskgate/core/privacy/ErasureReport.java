package io.maskgate.core.privacy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What one erasure did. Counts only: the answer and the log record name the subject by its token.
 *
 * @param subjectToken the subject's blind index
 * @param sessionsFound sessions the subject index listed
 * @param sessionsDeleted live session records deleted, each with its two routing keys
 * @param messageIdsDeleted SMPP message-id map entries of those sessions deleted one by one (older
 *     entries in a set index), plus the receipt keys deleted (each shreds all of its session's entries)
 * @param consentEntriesDeleted shared consent decisions (every node's near-cache is dropped too)
 * @param eventsDeleted interaction-event stream entries naming the subject or its sessions
 * @param logKeysShredded per-subject decision-log keys deleted (their fields no longer open)
 */
public record ErasureReport(String subjectToken, long sessionsFound, long sessionsDeleted, long messageIdsDeleted,
                            long consentEntriesDeleted, long eventsDeleted, long logKeysShredded) {

    public ErasureReport {
        Objects.requireNonNull(subjectToken, "subjectToken");
    }

    /** The counts by name, in a stable order (the JSON answer and the log record's detail). */
    public Map<String, Long> counts() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("sessionsFound", sessionsFound);
        m.put("sessionsDeleted", sessionsDeleted);
        m.put("messageIdsDeleted", messageIdsDeleted);
        m.put("consentEntriesDeleted", consentEntriesDeleted);
        m.put("eventsDeleted", eventsDeleted);
        m.put("logKeysShredded", logKeysShredded);
        return m;
    }

    String detail() {
        return counts().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
