package io.maskgate.sip.transport;

import io.maskgate.sip.codec.SipHeader;
import io.maskgate.sip.codec.SipMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Answers OPTIONS sent to the gateway itself (no To tag, so not inside a dialog) with 200 OK,
 * Allow, Accept and Supported (RFC 3261 section 11.2). Carriers send these as keep-alives and
 * health pings; they never reach the application.
 */
final class OptionsResponder {

    /** Methods the gateway relays (DESIGN.md section 6). */
    static final String DEFAULT_ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, INFO";

    private final List<SipHeader> headers;

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
        return options.createResponse(200, "OK", headers);
    }
}
