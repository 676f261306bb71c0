package io.maskgate.sip.transport;

import io.maskgate.sip.codec.SipHeader;
import io.maskgate.sip.codec.SipMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Answers OPTIONS sent to the gateway itself (no To tag, so not inside a dialog) with 200 OK,
 * Allow, Accept and Supported (RFC 3261 section 11.2). Carriers send these as keep-alives and
 * health pings; they never reach the application. While the gateway drains (SIGTERM) they get
 * 503 with Retry-After instead, so that a carrier's keep-alive fails over before the node goes
 * (RFC 3261 section 21.5.4: 503 means this server, not the whole service, is unavailable).
 */
final class OptionsResponder {

    /** Methods the gateway relays (DESIGN.md section 6). */
    static final String DEFAULT_ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, INFO";

    private final List<SipHeader> headers;
    private volatile List<SipHeader> drainingHeaders = List.of();
    private volatile boolean draining;

    OptionsResponder(Set<String> acceptedContentTypes, Set<String> supportedExtensions) {
        List<SipHeader> h = new ArrayList<>();
        h.add(new SipHeader("Allow", DEFAULT_ALLOW));
        h.add(new SipHeader("Accept", String.join(", ", acceptedContentTypes)));
        if (!supportedExtensions.isEmpty()) {
            h.add(new SipHeader("Supported", String.join(", ", supportedExtensions)));
        }
        this.headers = List.copyOf(h);
    }

    static boolean handles(SipMessage request) {
        return request.method().equals("OPTIONS") && request.toTag().isEmpty();
    }

    SipMessage answer(SipMessage options) {
        if (draining) {
            return options.createResponse(503, "Service Unavailable", drainingHeaders);
        }
        return options.createResponse(200, "OK", headers);
    }

    /** From now on every OPTIONS is answered 503 with {@code Retry-After: retryAfterSeconds}. */
    void drain(long retryAfterSeconds) {
        drainingHeaders = List.of(new SipHeader("Retry-After", Long.toString(retryAfterSeconds)));
        draining = true;
    }
}
