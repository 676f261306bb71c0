package io.maskgate.server.cli;

/** The admin API did not answer: nothing listens there, or it took longer than the timeout. */
final class AdminUnreachableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    AdminUnreachableException(String url, Throwable cause) {
        super("admin API at " + url + " did not answer (" + cause.getClass().getSimpleName() + ")", cause);
    }
}
