package io.maskgate.sip.screen;

import io.maskgate.sip.codec.SipHeader;
import io.maskgate.sip.codec.SipMessage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks every inbound request before any application sees it, in the order RFC 3261 section 8.2
 * gives a UAS (version, method/URI inspection, header inspection, content processing), plus the
 * proxy's Max-Forwards rule (section 16.3) since a B2BUA forwards what it accepts.
 *
 * <p>Wire-syntax faults (a repeated single-value header, two Content-Lengths, a malformed
 * Request-URI) are refused earlier by the codec, which sees the raw header lines that the parsed
 * message hides. Stateless and thread-safe.
 */
public final class RequestScreen {

    /** URI schemes we route by default: RFC 3261 sip/sips and RFC 3966 tel. */
    public static final Set<String> DEFAULT_URI_SCHEMES = Set.of("sip", "sips", "tel");
    /** Bodies an INVITE may carry by default: SDP only (media is passed through, not anchored). */
    public static final Set<String> DEFAULT_INVITE_CONTENT_TYPES = Set.of("application/sdp");

    private final Set<String> supportedExtensions;
    private final Set<String> uriSchemes;
    private final Set<String> inviteContentTypes;
    private final List<RequestRule> rules;

    /** Screen with no supported extensions and the default schemes and content types. */
    public static RequestScreen create() {
        return new RequestScreen(Set.of(), DEFAULT_URI_SCHEMES, DEFAULT_INVITE_CONTENT_TYPES);
    }

    /**
     * @param supportedExtensions option tags we implement (e.g. {@code 100rel}, {@code timer},
     *     {@code replaces}), lower case; anything else in Require/Proxy-Require gets a 420
     * @param uriSchemes Request-URI schemes we accept, lower case; others get a 416
     * @param inviteContentTypes media types an INVITE body may have, lower case; others get a 415
     */
    public RequestScreen(Set<String> supportedExtensions, Set<String> uriSchemes, Set<String> inviteContentTypes) {
        this.supportedExtensions = lowerCase(supportedExtensions);
        this.uriSchemes = lowerCase(uriSchemes);
        this.inviteContentTypes = lowerCase(inviteContentTypes);
        this.rules = List.of(
                RequestScreen::checkVersion,
                RequestScreen::checkMandatoryHeaders,
                RequestScreen::checkCSeqMethod,
                this::checkUriScheme,
                RequestScreen::checkMaxForwards,
                this::checkRequire,
                this::checkContentType,
                this::checkAccept);
    }

    private static Set<String> lowerCase(Set<String> in) {
        Objects.requireNonNull(in);
        Set<String> out = new LinkedHashSet<>();
        in.forEach(s -> out.add(s.toLowerCase(Locale.ROOT)));
        return Set.copyOf(out);
    }

    public Set<String> supportedExtensions() {
        return supportedExtensions;
    }

    /** Media types an INVITE may carry; the value of Accept in 415s and in OPTIONS answers. */
    public Set<String> inviteContentTypes() {
        return inviteContentTypes;
    }

    public ScreenVerdict screen(SipMessage request) {
        if (!request.isRequest()) {
            throw new IllegalArgumentException("not a request");
        }
        for (RequestRule rule : rules) {
            Optional<ScreenVerdict.Reject> reject = rule.check(request);
            if (reject.isPresent()) {
                // RFC 3261 section 17.1.1.3 / 17.2.1: an ACK is never answered
                return request.method().equals("ACK") ? new ScreenVerdict.Drop(reject.get().reasonPhrase())
                        : reject.get();
            }
        }
        return ScreenVerdict.Accept.INSTANCE;
    }

    /** RFC 3261 section 8.2 and 21.5.7 (RFC 4475 section 3.1.2.16, badvers): 505 for another SIP version. */
    private static Optional<ScreenVerdict.Reject> checkVersion(SipMessage r) {
        return "SIP/2.0".equalsIgnoreCase(r.sipVersion()) ? Optional.empty()
                : Optional.of(ScreenVerdict.Reject.of(505, "Version Not Supported"));
    }

    /**
     * RFC 3261 section 8.1.1: To, From, CSeq, Call-ID and Via are mandatory (RFC 4475 section
     * 3.3.1, insuf). A missing Max-Forwards is tolerated: RFC 2543 peers omit it (RFC 4475
     * section 3.4.1) and the outbound leg sets its own (section 16.6 step 3).
     */
    private static Optional<ScreenVerdict.Reject> checkMandatoryHeaders(SipMessage r) {
        String missing = !r.hasTo() ? "To" : !r.hasFrom() ? "From" : r.cseqMethod().isEmpty() ? "CSeq"
                : r.callId().isEmpty() ? "Call-ID" : r.vias().isEmpty() ? "Via" : null;
        return missing == null ? Optional.empty()
                : Optional.of(ScreenVerdict.Reject.of(400, "Missing " + missing + " Header"));
    }

    /** RFC 3261 section 8.1.1.5 and 20.16: the CSeq method matches the request method (RFC 4475 sections 3.1.2.17-18). */
    private static Optional<ScreenVerdict.Reject> checkCSeqMethod(SipMessage r) {
        return r.cseqMethod().map(m -> m.equals(r.method())).orElse(false) ? Optional.empty()
                : Optional.of(ScreenVerdict.Reject.of(400, "CSeq Method Does Not Match"));
    }

    /** RFC 3261 section 8.2.2.1: 416 for a Request-URI scheme we do not handle (RFC 4475 sections 3.3.2-3). */
    private Optional<ScreenVerdict.Reject> checkUriScheme(SipMessage r) {
        return uriSchemes.contains(r.requestUriScheme()) ? Optional.empty()
                : Optional.of(ScreenVerdict.Reject.of(416, "Unsupported URI Scheme"));
    }

    /**
     * RFC 3261 section 16.3 item 2: a request with Max-Forwards 0 that would be forwarded gets
     * 483. An OPTIONS outside a dialog is answered by the gateway itself (section 11 and 16.3
     * item 2 allow it), so it is exempt (RFC 4475 section 3.3.11, zeromf).
     */
    private static Optional<ScreenVerdict.Reject> checkMaxForwards(SipMessage r) {
        if (r.maxForwards().orElse(70) > 0 || isAnsweredLocally(r)) {
            return Optional.empty();
        }
        return Optional.of(ScreenVerdict.Reject.of(483, "Too Many Hops"));
    }

    /** Out-of-dialog OPTIONS: answered by the gateway, never forwarded. */
    public static boolean isAnsweredLocally(SipMessage request) {
        return request.method().equals("OPTIONS") && request.toTag().isEmpty();
    }

    /**
     * RFC 3261 section 8.2.2.3 (Require, as UAS) and 16.3 item 4 (Proxy-Require, as the element
     * that forwards): an unsupported option tag gets 420 with an Unsupported header listing it
     * (RFC 4475 section 3.3.5, bext01). Not applied to ACK and CANCEL (section 8.2.2.3).
     */
    private Optional<ScreenVerdict.Reject> checkRequire(SipMessage r) {
        if (r.method().equals("ACK") || r.method().equals("CANCEL")) {
            return Optional.empty();
        }
        List<String> unsupported = new ArrayList<>();
        for (String header : List.of("Require", "Proxy-Require")) {
            for (String tag : tokens(r.headerValues(header))) {
                if (!supportedExtensions.contains(tag.toLowerCase(Locale.ROOT)) && !unsupported.contains(tag)) {
                    unsupported.add(tag);
                }
            }
        }
        return unsupported.isEmpty() ? Optional.empty()
                : Optional.of(ScreenVerdict.Reject.of(420, "Bad Extension",
                        new SipHeader("Unsupported", String.join(", ", unsupported))));
    }

    /**
     * RFC 3261 section 8.2.3: a body of a type we do not understand gets 415 with an Accept
     * header listing what we do (RFC 4475 section 3.3.6, invut). RFC 3261 section 20.15: a body
     * without Content-Type is malformed.
     */
    private Optional<ScreenVerdict.Reject> checkContentType(SipMessage r) {
        if (!r.method().equals("INVITE") || r.bodyLength() == 0) {
            return Optional.empty();
        }
        Optional<String> type = r.header("Content-Type").map(RequestScreen::mediaType);
        if (type.isEmpty()) {
            return Optional.of(ScreenVerdict.Reject.of(400, "Missing Content-Type Header"));
        }
        return inviteContentTypes.contains(type.get()) ? Optional.empty()
                : Optional.of(ScreenVerdict.Reject.of(415, "Unsupported Media Type",
                        new SipHeader("Accept", String.join(", ", inviteContentTypes))));
    }

    /**
     * RFC 3261 section 21.4.7 and 20.1: when the INVITE's Accept list admits none of the types
     * we can answer with, 406 (RFC 4475 section 3.3.15, sdp01).
     */
    private Optional<ScreenVerdict.Reject> checkAccept(SipMessage r) {
        List<String> accept = tokens(r.headerValues("Accept"));
        if (!r.method().equals("INVITE") || accept.isEmpty()) {
            return Optional.empty();
        }
        for (String range : accept) {
            String media = mediaType(range);
            for (String ours : inviteContentTypes) {
                if (media.equals("*/*") || media.equals(ours)
                        || (media.endsWith("/*") && ours.startsWith(media.substring(0, media.length() - 1)))) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(ScreenVerdict.Reject.of(406, "Not Acceptable"));
    }

    private static String mediaType(String value) {
        int semi = value.indexOf(';');
        return (semi < 0 ? value : value.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    /** Splits header values on commas (RFC 3261 section 7.3.1 lists) into non-empty trimmed tokens. */
    private static List<String> tokens(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            for (String t : v.split(",")) {
                if (!t.isBlank()) {
                    out.add(t.strip());
                }
            }
        }
        return out;
    }
}
