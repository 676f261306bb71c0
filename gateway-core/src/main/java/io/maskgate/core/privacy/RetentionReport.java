package io.maskgate.core.privacy;

/**
 * What one retention run purged.
 *
 * @param eventsDeleted event-stream entries older than their purpose's retention
 * @param logKeysShredded per-subject decision-log keys whose epoch ended more than the retention ago
 * @param indexEntriesDeleted subject index entries of sessions that expired more than the retention ago
 * @param sessionsDeleted session records still present for such sessions (normally none: Redis expires them)
 */
public record RetentionReport(long eventsDeleted, long logKeysShredded, long indexEntriesDeleted, long sessionsDeleted) {

    String detail() {
        return "events=" + eventsDeleted + " logKeys=" + logKeysShredded + " indexEntries=" + indexEntriesDeleted
                + " sessions=" + sessionsDeleted;
    }
}
