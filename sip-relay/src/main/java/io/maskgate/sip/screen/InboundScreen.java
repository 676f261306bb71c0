package io.maskgate.sip.screen;

import io.maskgate.sip.codec.SipDecodeResult;
import io.maskgate.sip.codec.SipMessage;
import java.util.List;
import java.util.Objects;

/**
 * The one decision the transports make about a decoded frame before anything else sees it:
 * accept, reject with a status, or drop. Combines the codec's verdict on malformed input with
 * {@link RequestScreen} and {@link ResponseScreen}.
 */
public final class InboundScreen {

    private final RequestScreen requests;
    private final ResponseScreen responses;

    public InboundScreen(RequestScreen requests, ResponseScreen responses) {
        this.requests = Objects.requireNonNull(requests, "requests");
        this.responses = Objects.requireNonNull(responses, "responses");
    }

    public static InboundScreen create() {
        return new InboundScreen(RequestScreen.create(), new ResponseScreen());
    }

    public RequestScreen requests() {
        return requests;
    }

    /** The verdict for a well-formed message. */
    public ScreenVerdict screen(SipMessage message) {
        return message.isRequest() ? requests.screen(message) : responses.screen(message);
    }

    /**
     * The verdict for a decoder result. A malformed request is rejected when its reply headers
     * could be recovered (RFC 3261 section 21.4.1); a malformed response, or a request whose Via
     * or CSeq is lost, is dropped: there is nobody to answer (RFC 3261 section 18.1.2).
     */
    public ScreenVerdict screen(SipDecodeResult result) {
        if (result instanceof SipDecodeResult.Decoded d) {
            return screen(d.message());
        }
        if (result instanceof SipDecodeResult.Malformed m) {
            return !m.wasResponse() && m.reply().isPresent()
                    ? new ScreenVerdict.Reject(m.statusCode(), m.reason(), List.of())
                    : new ScreenVerdict.Drop(m.reason());
        }
        return ScreenVerdict.Accept.INSTANCE; // a keep-alive ping
    }
}
