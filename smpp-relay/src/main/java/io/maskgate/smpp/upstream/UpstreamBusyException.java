package io.maskgate.smpp.upstream;

/** Every in-flight slot towards the upstreams is taken. The server face answers ESME_RTHROTTLED. */
public final class UpstreamBusyException extends UpstreamException {
    private static final long serialVersionUID = 1L;

    UpstreamBusyException(int maxInFlight) {
        super("all " + maxInFlight + " upstream submit slots busy", null);
    }
}
