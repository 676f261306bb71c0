package io.maskgate.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maskgate.core.session.Participant;
import io.maskgate.core.session.Session;

/**
 * The JSON views of a session. Participants' numbers are masked ({@code +9198******78}); the proxy
 * number is the operator's own, not personal data, so it is shown in full.
 */
final class SessionJson {

    private SessionJson() {
    }

    /** The answer to a create: what the OMS needs to show the parties. */
    static ObjectNode created(Session s) {
        return ApiResponse.JSON.createObjectNode()
                .put("sessionId", s.id().value())
                .put("proxyNumber", s.proxyNumber().e164())
                .put("expiresAt", s.expiresAt().toString())
                .put("mode", s.mode().wireName())
                .put("status", s.status().wireName());
    }

    static ObjectNode view(Session s) {
        ObjectNode node = ApiResponse.JSON.createObjectNode()
                .put("sessionId", s.id().value())
                .put("purpose", s.purpose())
                .put("reference", s.reference())
                .put("pool", s.pool())
                .put("proxyNumber", s.proxyNumber().e164());
        var participants = node.putArray("participants");
        participants.add(participant(s.a()));
        participants.add(participant(s.b()));
        node.put("createdAt", s.createdAt().toString());
        node.put("expiresAt", s.expiresAt().toString());
        node.put("mode", s.mode().wireName());
        s.slidingTtl().ifPresent(d -> node.put("slidingTtlSeconds", d.toSeconds()));
        node.put("activeUntil", s.activeUntil().toString());
        node.put("status", s.status().wireName());
        s.closure().ifPresent(c -> node.put("closeReason", c.reason().wireName()).put("closedAt", c.at().toString()));
        return node;
    }

    private static ObjectNode participant(Participant p) {
        return ApiResponse.JSON.createObjectNode()
                .put("id", p.id())
                .put("number", p.number().masked());
    }
}
