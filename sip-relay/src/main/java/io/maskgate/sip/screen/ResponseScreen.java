package io.maskgate.sip.screen;

import io.maskgate.sip.codec.SipMessage;
import io.maskgate.sip.codec.SipVia;
import io.netty.util.NetUtil;

/**
 * Checks every inbound response before any application sees it. A response is never answered,
 * so every failure is a silent, counted drop (RFC 3261 section 18.1.2). Stateless.
 */
public final class ResponseScreen {

    public ScreenVerdict screen(SipMessage response) {
        if (response.isRequest()) {
            throw new IllegalArgumentException("not a response");
        }
        // RFC 3261 section 7.2 / 21: Status-Code is 100..699 (RFC 4475 section 3.1.2.19, bigcode)
        if (response.statusCode() < 100 || response.statusCode() > 699) {
            return new ScreenVerdict.Drop("Status code out of range");
        }
        // RFC 3261 section 8.1.3.3 / 18.1.2: without Via, CSeq and Call-ID no transaction matches
        if (response.vias().isEmpty() || response.cseqMethod().isEmpty() || response.callId().isEmpty()) {
            return new ScreenVerdict.Drop("Missing transaction headers");
        }
        // RFC 4475 section 3.3.10 (bcast): a broadcast or multicast sent-by would make whoever
        // forwards this response flood a network; never let it in.
        for (SipVia via : response.vias()) {
            if (isBroadcastOrMulticast(via.host())) {
                return new ScreenVerdict.Drop("Broadcast Via sent-by");
            }
        }
        return ScreenVerdict.Accept.INSTANCE;
    }

    /**
     * True for 255.255.255.255, IPv4 multicast (224.0.0.0/4) and IPv6 multicast (ff00::/8)
     * literals. Parsed by hand: a host name from an untrusted header is never resolved.
     */
    static boolean isBroadcastOrMulticast(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.indexOf(':') >= 0) {
            return h.toLowerCase(java.util.Locale.ROOT).startsWith("ff");
        }
        // checked without a split: this runs for every Via of every response
        byte[] octets = NetUtil.createByteArrayFromIpAddressString(h); // null unless a literal
        if (octets == null || octets.length != 4) {
            return false;
        }
        int first = octets[0] & 0xff;
        boolean broadcast = (octets[0] & octets[1] & octets[2] & octets[3]) == (byte) 0xff;
        return broadcast || (first >= 224 && first <= 239);
    }
}
