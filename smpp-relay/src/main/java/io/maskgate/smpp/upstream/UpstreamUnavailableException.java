package io.maskgate.smpp.upstream;

/** No healthy upstream bind, an I/O failure, or no answer in time. The server face answers ESME_RSYSERR. */
public final class UpstreamUnavailableException extends UpstreamException {
    private static final long serialVersionUID = 1L;

    private UpstreamUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    static UpstreamUnavailableException noHealthyBind() {
        return new UpstreamUnavailableException("no healthy upstream SMSC bind", null);
    }

    static UpstreamUnavailableException create(String upstream, String what, Throwable cause) {
        return new UpstreamUnavailableException(upstream + ": " + what, cause);
    }
}
