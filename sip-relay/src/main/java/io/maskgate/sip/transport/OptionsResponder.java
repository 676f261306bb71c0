package io.maskgate.sip.transport;

import io.maskgate.sip.codec.SipHeader;
import io.maskgate.sip.codec.SipMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Answers OPTIONS sent to the gateway itself (no To tag, so not inside a dialog) with 200 OK,
 * Allow, Accept and Supported (RFC 3261 section 11.2). Carriers send these as keep-alives and
 * health pings; they never reach the application. While the gateway drains (SIGTERM) they get
 * 503 with Retry-After instead, so that a carrier's keep-alive fails over before the node goes
 * (RFC 3261 section 21.5.4: 503 means this server, not the whole service, is unavailable). Where
 * the operator asked for it ({@link ReceiveBacklogOptions#answerOptionsWith503()}), they get the
 * same 503 while new calls are shed for a receive backlog, and 200 again once it has cleared.
 */
final class OptionsResponder {

    /** Methods the gateway relays (DESIGN.md section 6). */
    static final String DEFAULT_ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, INFO";

    private final List<SipHeader> headers;
    private final BooleanSupplier shedding;
    private volatile List<SipHeader> unavailableHeaders = List.of();
    private volatile boolean draining;

    /** @param shedding true while a receive backlog should turn keep-alives away too */
    OptionsResponder(Set<String> acceptedContentTypes, Set<String> supportedExtensions, BooleanSupplier shedding) {
        this.shedding = shedding;
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
        if (draining || shedding.getAsBoolean()) {
            return options.createResponse(503, "Service Unavailable", unavailableHeaders);
        }
        return options.createResponse(200, "OK", headers);
    }

    /** The Retry-After of every 503 answered from now on. */
    void retryAfter(long retryAfterSeconds) {
        unavailableHeaders = List.of(new SipHeader("Retry-After", Long.toString(retryAfterSeconds)));
    }

    /** From now on every OPTIONS is answered 503 with the Retry-After last set. */
    void drain() {
        draining = true;
    }
}
