package io.maskgate.core.session.codec;

/**
 * A stored value that does not open under its key name (tampered, copied under another key,
 * sealed under a data key this node does not have) or does not decode. Names the kind of entry,
 * never the key or the value.
 */
public final class UnreadableEntryException extends RuntimeException {

    public UnreadableEntryException(String what, Throwable cause) {
        super(what + " entry is unreadable" + (cause == null ? "" : ": " + cause.getClass().getSimpleName()), cause);
    }
}
