package io.maskgate.sip.testing;

import io.maskgate.sip.transport.InboundRequest;
import io.maskgate.sip.transport.InboundResponse;
import io.maskgate.sip.transport.SipInbound;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link SipInbound} that remembers, per Call-ID, what reached the application and on which thread. */
public final class RecordingInbound implements SipInbound {

    public record Delivery(String what, String thread) {
    }

    private final Map<String, Delivery> byCallId = new ConcurrentHashMap<>();

    @Override
    public void onRequest(InboundRequest request) {
        byCallId.put(request.request().callId().orElseThrow(),
                new Delivery(request.request().method(), Thread.currentThread().getName()));
    }

    @Override
    public void onResponse(InboundResponse response) {
        byCallId.put(response.response().callId().orElseThrow(),
                new Delivery(String.valueOf(response.response().statusCode()), Thread.currentThread().getName()));
    }

    public boolean received(String callId) {
        return byCallId.containsKey(callId);
    }

    public Delivery delivery(String callId) {
        return byCallId.get(callId);
    }
}
