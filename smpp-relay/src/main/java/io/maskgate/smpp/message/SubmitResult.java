package io.maskgate.smpp.message;

import java.util.Objects;

/** An upstream SMSC accepted a submit_sm: its message_id and which upstream took it. */
public record SubmitResult(String upstreamMessageId, String upstreamName) {
    public SubmitResult {
        Objects.requireNonNull(upstreamMessageId, "upstreamMessageId");
        Objects.requireNonNull(upstreamName, "upstreamName");
    }
}
