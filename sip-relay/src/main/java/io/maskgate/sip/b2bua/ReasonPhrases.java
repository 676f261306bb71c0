package io.maskgate.sip.b2bua;

import java.util.Map;

/**
 * Our own reason phrase for each status we send. A relayed response never carries the peer's
 * phrase: it is free text (RFC 3261 section 21), and carriers put numbers and names in it.
 */
final class ReasonPhrases {

    private static final Map<Integer, String> PHRASES = Map.ofEntries(
            Map.entry(180, "Ringing"), Map.entry(181, "Call Is Being Forwarded"), Map.entry(182, "Queued"),
            Map.entry(183, "Session Progress"), Map.entry(199, "Early Dialog Terminated"),
            Map.entry(200, "OK"), Map.entry(202, "Accepted"),
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(406, "Not Acceptable"),
            Map.entry(407, "Proxy Authentication Required"), Map.entry(408, "Request Timeout"),
            Map.entry(410, "Gone"), Map.entry(415, "Unsupported Media Type"), Map.entry(420, "Bad Extension"),
            Map.entry(421, "Extension Required"), Map.entry(422, "Session Interval Too Small"),
            Map.entry(480, "Temporarily Unavailable"), Map.entry(481, "Call/Transaction Does Not Exist"),
            Map.entry(482, "Loop Detected"), Map.entry(483, "Too Many Hops"), Map.entry(484, "Address Incomplete"),
            Map.entry(486, "Busy Here"), Map.entry(487, "Request Terminated"), Map.entry(488, "Not Acceptable Here"),
            Map.entry(491, "Request Pending"), Map.entry(500, "Server Internal Error"),
            Map.entry(501, "Not Implemented"), Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"),
            Map.entry(504, "Server Time-out"), Map.entry(580, "Precondition Failure"),
            Map.entry(600, "Busy Everywhere"), Map.entry(603, "Decline"), Map.entry(604, "Does Not Exist Anywhere"),
            Map.entry(606, "Not Acceptable"));

    private static final String[] CLASS_PHRASES = {"", "Provisional", "Success", "Redirection", "Client Error",
        "Server Error", "Global Failure"};

    private ReasonPhrases() {
    }

    static String of(int status) {
        String p = PHRASES.get(status);
        return p != null ? p : CLASS_PHRASES[Math.max(1, Math.min(6, status / 100))];
    }
}
