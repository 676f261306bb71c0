package io.maskgate.core.consent;

/**
 * The consent source could not give a decision. Callers refuse (fail closed) and may retry later;
 * the message names what went wrong (status, timeout, contract violation), never a subject id or
 * a response body.
 */
public class ConsentSourceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConsentSourceException(String message, Throwable cause) {
        super(message, cause);
    }

    public static ConsentSourceException status(int status) {
        return new ConsentSourceException("consent platform answered HTTP " + status, null);
    }

    public static ConsentSourceException badAnswer(String what) {
        return new ConsentSourceException("consent platform answer outside the contract: " + what, null);
    }

    public static ConsentSourceException timeout(long millis) {
        return new ConsentSourceException("consent platform did not answer within " + millis + " ms", null);
    }

    public static ConsentSourceException transport(Throwable cause) {
        return new ConsentSourceException("consent platform unreachable: " + cause.getClass().getSimpleName(), cause);
    }
}
