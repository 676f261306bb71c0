package io.maskgate.sip.policy;

import io.maskgate.sip.codec.SipHeader;
import io.maskgate.sip.codec.SipMessage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which header fields of a message received on one leg are copied onto the message the B2BUA
 * sends on the other leg. An ALLOW-list, never a block-list: a header that is not named here is
 * dropped, so a header invented tomorrow that carries the caller's number (as P-Asserted-Identity,
 * P-Preferred-Identity, Remote-Party-ID, Diversion, History-Info, Call-Info, User-to-User and
 * many X- headers do today) cannot cross the gateway.
 *
 * <p>Never copied, whatever the lists say: the headers the B2BUA rebuilds for each leg (Via,
 * From, To, Call-ID, CSeq, Contact, Record-Route, Route, Max-Forwards, Content-Length, RAck),
 * see {@link #REBUILT}. Values that may carry free text are reduced to their structured part:
 * Retry-After to its delta-seconds (its comment is free text, RFC 3261 section 20.33),
 * Session-Expires / Min-SE to delta-seconds and refresher (RFC 4028 sections 4 and 5), RSeq to
 * its number, and option-tag lists (Require, Supported, Unsupported) to the tags we support.
 *
 * <p>Immutable and thread-safe; create with {@link #builder()} or {@link #create()}.
 */
public final class HeaderPolicy {

    /**
     * Default request headers copied (lower case). Content-Encoding is left out on purpose: a
     * compressed body would hide a number from the {@link EgressLeakGuard}.
     */
    public static final Set<String> DEFAULT_REQUEST_HEADERS = Set.of("content-type", "content-disposition",
            "content-language", "supported", "require", "allow", "session-expires", "min-se", "accept",
            "accept-encoding", "accept-language", "allow-events", "privacy", "expires", "date");

    /** Default response headers copied (lower case). */
    public static final Set<String> DEFAULT_RESPONSE_HEADERS = Set.of("content-type", "content-disposition",
            "content-language", "supported", "require", "unsupported", "allow", "session-expires", "min-se",
            "accept", "accept-encoding", "accept-language", "allow-events", "rseq", "retry-after", "min-expires",
            "date");

    /**
     * Default option tags kept in Require / Supported / Unsupported: {@code 100rel} (RFC 3262)
     * and {@code timer} (RFC 4028), the extensions the B2BUA relays end to end. {@code replaces}
     * and {@code join} are not: they name a dialog by Call-ID, which differs on the other leg.
     */
    public static final Set<String> DEFAULT_OPTION_TAGS = Set.of("100rel", "timer");

    /** Rebuilt by the B2BUA for each leg; never copied even when a list names them. */
    public static final Set<String> REBUILT = Set.of("via", "from", "to", "call-id", "cseq", "contact",
            "record-route", "route", "max-forwards", "content-length", "rack");

    /** RFC 3261 section 7.3.3 compact forms, and RFC 4028's {@code x}, to their long names. */
    private static final Map<String, String> COMPACT = Map.ofEntries(Map.entry("c", "content-type"),
            Map.entry("k", "supported"), Map.entry("x", "session-expires"), Map.entry("u", "allow-events"),
            Map.entry("e", "content-encoding"), Map.entry("l", "content-length"), Map.entry("m", "contact"),
            Map.entry("f", "from"), Map.entry("t", "to"), Map.entry("i", "call-id"), Map.entry("v", "via"));

    private static final Pattern DELTA_SECONDS = Pattern.compile("^\\s*(\\d{1,10})");
    private static final Pattern REFRESHER = Pattern.compile(";\\s*refresher\\s*=\\s*(uac|uas)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> OPTION_TAG_HEADERS = Set.of("require", "supported", "unsupported");

    private final Set<String> requestHeaders;
    private final Set<String> responseHeaders;
    private final Set<String> optionTags;

    private HeaderPolicy(Builder b) {
        this.requestHeaders = lower(b.requestHeaders);
        this.responseHeaders = lower(b.responseHeaders);
        this.optionTags = lower(b.optionTags);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The policy with every default. */
    public static HeaderPolicy create() {
        return builder().build();
    }

    public Builder mutate() {
        return builder().requestHeaders(requestHeaders).responseHeaders(responseHeaders).optionTags(optionTags);
    }

    public Set<String> requestHeaders() {
        return requestHeaders;
    }

    public Set<String> responseHeaders() {
        return responseHeaders;
    }

    public Set<String> optionTags() {
        return optionTags;
    }

    /** The header fields of {@code received} (a request) to copy onto the request sent on the other leg. */
    public List<SipHeader> forRequest(SipMessage received) {
        return copy(received, requestHeaders);
    }

    /** The header fields of {@code received} (a response) to copy onto the response sent on the other leg. */
    public List<SipHeader> forResponse(SipMessage received) {
        return copy(received, responseHeaders);
    }

    private List<SipHeader> copy(SipMessage received, Set<String> allowed) {
        List<SipHeader> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String name : received.headerNames()) {
            String key = canonical(name);
            if (!allowed.contains(key) || REBUILT.contains(key) || !seen.add(key)) {
                continue;
            }
            for (String value : received.headerValues(name)) {
                sanitize(key, value).ifPresent(v -> out.add(new SipHeader(displayName(name, key), v)));
            }
        }
        return out;
    }

    /** The value to copy, reduced to its structured part; empty to drop it. */
    private Optional<String> sanitize(String key, String value) {
        if (OPTION_TAG_HEADERS.contains(key)) {
            return optionTags.contains(value.strip().toLowerCase(Locale.ROOT))
                    ? Optional.of(value.strip().toLowerCase(Locale.ROOT)) : Optional.empty();
        }
        return switch (key) {
            case "retry-after", "rseq" -> deltaSeconds(value);
            case "session-expires", "min-se" -> deltaSeconds(value).map(d -> d + refresher(value));
            default -> Optional.of(value);
        };
    }

    private static Optional<String> deltaSeconds(String value) {
        Matcher m = DELTA_SECONDS.matcher(value);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static String refresher(String value) {
        Matcher m = REFRESHER.matcher(value);
        return m.find() ? ";refresher=" + m.group(1).toLowerCase(Locale.ROOT) : "";
    }

    /** The lower-case long name of a header name as it appeared (compact forms expanded). */
    static String canonical(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        return COMPACT.getOrDefault(lower, lower);
    }

    /** Compact names are written out in full on the other leg; others keep their spelling. */
    private static String displayName(String name, String key) {
        return name.length() == 1 ? key : name;
    }

    private static Set<String> lower(Set<String> in) {
        Set<String> out = new LinkedHashSet<>();
        in.forEach(s -> out.add(s.strip().toLowerCase(Locale.ROOT)));
        return Set.copyOf(out);
    }

    @Override
    public String toString() {
        return "HeaderPolicy[requests=" + requestHeaders.size() + ", responses=" + responseHeaders.size()
                + ", optionTags=" + optionTags + "]";
    }

    /** Builder of {@link HeaderPolicy}. */
    public static final class Builder {
        private Set<String> requestHeaders = DEFAULT_REQUEST_HEADERS;
        private Set<String> responseHeaders = DEFAULT_RESPONSE_HEADERS;
        private Set<String> optionTags = DEFAULT_OPTION_TAGS;

        private Builder() {
        }

        /** Header names copied from requests; default {@link #DEFAULT_REQUEST_HEADERS}; case-insensitive. */
        public Builder requestHeaders(Set<String> names) {
            this.requestHeaders = Set.copyOf(Objects.requireNonNull(names, "names"));
            return this;
        }

        /** Header names copied from responses; default {@link #DEFAULT_RESPONSE_HEADERS}; case-insensitive. */
        public Builder responseHeaders(Set<String> names) {
            this.responseHeaders = Set.copyOf(Objects.requireNonNull(names, "names"));
            return this;
        }

        /** Option tags kept in Require/Supported/Unsupported; default {@link #DEFAULT_OPTION_TAGS}. */
        public Builder optionTags(Set<String> tags) {
            this.optionTags = Set.copyOf(Objects.requireNonNull(tags, "tags"));
            return this;
        }

        public HeaderPolicy build() {
            return new HeaderPolicy(this);
        }
    }
}
