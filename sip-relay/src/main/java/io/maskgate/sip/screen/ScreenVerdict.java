package io.maskgate.sip.screen;

import io.maskgate.sip.codec.SipHeader;
import java.util.List;
import java.util.Objects;

/** What screening decided about one inbound message. */
public sealed interface ScreenVerdict {

    /** Hand the message on. */
    enum Accept implements ScreenVerdict { INSTANCE }

    /**
     * Answer the request statelessly with this status and never pass it on.
     *
     * @param statusCode 400..699
     * @param reasonPhrase fixed text naming the problem (RFC 3261 section 21.4.1 asks for detail)
     * @param extraHeaders headers the status requires, e.g. Unsupported on a 420
     */
    record Reject(int statusCode, String reasonPhrase, List<SipHeader> extraHeaders) implements ScreenVerdict {
        public Reject {
            if (statusCode < 300 || statusCode > 699) {
                throw new IllegalArgumentException("not a final error status: " + statusCode);
            }
            Objects.requireNonNull(reasonPhrase, "reasonPhrase");
            extraHeaders = List.copyOf(extraHeaders);
        }

        static Reject of(int statusCode, String reasonPhrase, SipHeader... extra) {
            return new Reject(statusCode, reasonPhrase, List.of(extra));
        }
    }

    /** Discard silently (counted): no reply is allowed or possible. */
    record Drop(String reason) implements ScreenVerdict {
        public Drop {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
