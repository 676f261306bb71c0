package io.maskgate.smpp.receipt;

/** The message-id map did not answer (Redis down, slow, or not yet connected): retry later. */
public final class MessageIdStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private MessageIdStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Only the operation and the cause's type: lettuce messages can quote keys. */
    public static MessageIdStoreException create(String operation, Throwable cause) {
        return new MessageIdStoreException("message-id map " + operation + " failed: "
                + (cause == null ? "not connected" : cause.getClass().getSimpleName()), cause);
    }
}
