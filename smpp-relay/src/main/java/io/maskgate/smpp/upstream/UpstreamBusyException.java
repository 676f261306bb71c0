package io.maskgate.smpp.upstream;

/**
 * Every in-flight slot towards the upstreams is taken, or every bound upstream is at its submit
 * rate. The server face answers ESME_RTHROTTLED, so the ESME slows down instead of a queue growing.
 */
public final class UpstreamBusyException extends UpstreamException {
    private static final long serialVersionUID = 1L;

    private UpstreamBusyException(String message) {
        super(message, null);
    }

    static UpstreamBusyException slotsTaken(int maxInFlight) {
        return new UpstreamBusyException("all " + maxInFlight + " upstream submit slots busy");
    }

    static UpstreamBusyException atSubmitRate() {
        return new UpstreamBusyException("every bound upstream is at its submit rate");
    }
}
