package io.maskgate.smpp.upstream;

/**
 * A submit towards the upstream SMSCs did not succeed. Subclasses name what the caller should do:
 * {@link UpstreamUnavailableException} (try later, nothing was sent or we cannot know),
 * {@link UpstreamRejectedException} (the SMSC said no, with a command_status),
 * {@link UpstreamBusyException} (too many in flight; slow down).
 */
public abstract sealed class UpstreamException extends RuntimeException
        permits UpstreamUnavailableException, UpstreamRejectedException, UpstreamBusyException {
    private static final long serialVersionUID = 1L;

    UpstreamException(String message, Throwable cause) {
        super(message, cause);
    }
}
