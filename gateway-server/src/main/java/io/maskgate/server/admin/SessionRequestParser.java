package io.maskgate.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskgate.core.number.InvalidNumberException;
import io.maskgate.core.number.NumberNormalizer;
import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.session.Participant;
import io.maskgate.core.session.SessionMode;
import io.maskgate.core.session.SessionRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the body of {@code POST /v1/sessions} into a {@link SessionRequest}, field by field, so a
 * refusal names the field ({@code participants[1].number: ...}). Never echoes a value.
 *
 * <pre>{@code
 * {"purpose":"delivery","ttlSeconds":7200,"reference":"order-991","pool":"default",
 *  "participants":[{"id":"cust-123","number":"+919812345678"},{"id":"rider-77","number":"+919876543210"}]}
 * }</pre>
 * {@code ttlSeconds}, {@code reference} and {@code pool} may be left out (conf default, empty, {@code default}).
 * Optional too: {@code "mode"} ({@code voice}, {@code sms} or {@code both}, the default) and
 * {@code "slidingTtlSeconds"} (1 to {@code ttlSeconds}): the session then ends that long after its
 * creation or its last routed call or SMS, and never later than {@code ttlSeconds}.
 */
final class SessionRequestParser {

    static final String DEFAULT_POOL = "default";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("purpose", "ttlSeconds", "reference", "pool", "participants",
            "mode", "slidingTtlSeconds");
    private static final Set<String> PARTICIPANT_FIELDS = Set.of("id", "number");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern REFERENCE = Pattern.compile("[\\x20-\\x7e]{0,128}");
    /** An id made only of digits and phone separators is a phone number in disguise: refused. */
    private static final Pattern LOOKS_LIKE_NUMBER = Pattern.compile("\\+?[0-9 ().-]{7,}");

    private final NumberNormalizer normalizer;
    private final Duration maxTtl;
    private final Duration defaultTtl;
    private final Set<String> pools;

    SessionRequestParser(NumberNormalizer normalizer, Duration maxTtl, Duration defaultTtl, Set<String> pools) {
        this.normalizer = normalizer;
        this.maxTtl = maxTtl;
        this.defaultTtl = defaultTtl;
        this.pools = Set.copyOf(pools);
    }

    /** @throws InvalidRequestException naming the first bad field */
    SessionRequest parse(byte[] body) {
        JsonNode root = readTree(body);
        rejectUnknownFields("", root, FIELDS);
        String purpose = word(root, "purpose", "purpose");
        Duration ttl = ttl(root);
        String reference = optionalText(root, "reference", REFERENCE, "at most 128 printable ASCII characters", "");
        String pool = optionalText(root, "pool", WORD, "a pool name", DEFAULT_POOL);
        if (!pools.contains(pool)) {
            throw new InvalidRequestException("pool", "no such pool");
        }
        JsonNode list = root.get("participants");
        if (list == null || !list.isArray()) {
            throw new InvalidRequestException("participants", "is required: a list of two {id, number}");
        }
        if (list.size() != 2) {
            throw new InvalidRequestException("participants", "must hold exactly two participants, held " + list.size());
        }
        Participant a = participant(list.get(0), "participants[0]");
        Participant b = participant(list.get(1), "participants[1]");
        if (a.number().equals(b.number())) {
            throw new InvalidRequestException("participants[1].number", "must differ from participants[0].number");
        }
        if (a.id().equals(b.id())) {
            throw new InvalidRequestException("participants[1].id", "must differ from participants[0].id");
        }
        return new SessionRequest(purpose, ttl, reference, pool, a, b, mode(root), sliding(root, ttl));
    }

    private static SessionMode mode(JsonNode root) {
        JsonNode v = root.get("mode");
        if (v == null || v.isNull()) {
            return SessionMode.BOTH;
        }
        try {
            return SessionMode.ofWireName(v.isTextual() ? v.asText() : "");
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("mode", "must be voice, sms or both");
        }
    }

    private static Optional<Duration> sliding(JsonNode root, Duration ttl) {
        JsonNode v = root.get("slidingTtlSeconds");
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        long max = ttl.toSeconds();
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() <= 0 || v.asLong() > max) {
            throw new InvalidRequestException("slidingTtlSeconds", "must be an integer between 1 and ttlSeconds ("
                    + max + ")");
        }
        return Optional.of(Duration.ofSeconds(v.asLong()));
    }

    private static JsonNode readTree(byte[] body) {
        if (body.length == 0) {
            throw new InvalidRequestException("body", "is required: a JSON object");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the input; ours names only the position.
            throw new InvalidRequestException("body", "not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new InvalidRequestException("body", "not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRequestException("body", "must be a JSON object");
        }
        return root;
    }

    private static void rejectUnknownFields(String prefix, JsonNode node, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                String shown = name.matches("[A-Za-z_]{1,32}") ? name : "(unprintable)";
                throw new InvalidRequestException(prefix + shown, "unknown field; known fields are " + known);
            }
        }
    }

    /** A required identifier-like field; {@code path} is how messages name it. */
    private static String word(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new InvalidRequestException(path, "is required");
        }
        if (!v.isTextual() || !WORD.matcher(v.asText()).matches()) {
            throw new InvalidRequestException(path, "must be 1-64 chars of [A-Za-z0-9._:-]");
        }
        return v.asText();
    }

    private static String optionalText(JsonNode node, String field, Pattern pattern, String rule, String dflt) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isTextual() || !pattern.matcher(v.asText()).matches()) {
            throw new InvalidRequestException(field, "must be " + rule);
        }
        return v.asText();
    }

    private Duration ttl(JsonNode root) {
        JsonNode v = root.get("ttlSeconds");
        if (v == null || v.isNull()) {
            return defaultTtl;
        }
        long max = maxTtl.toSeconds();
        if (!v.canConvertToLong() || !v.isIntegralNumber()) {
            throw new InvalidRequestException("ttlSeconds", "must be an integer between 1 and " + max);
        }
        long ttl = v.asLong();
        if (ttl <= 0 || ttl > max) {
            throw new InvalidRequestException("ttlSeconds", "must be between 1 and " + max + ", was " + ttl);
        }
        return Duration.ofSeconds(ttl);
    }

    private Participant participant(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new InvalidRequestException(path, "must be an object {id, number}");
        }
        rejectUnknownFields(path + ".", node, PARTICIPANT_FIELDS);
        String id = word(node, "id", path + ".id");
        if (LOOKS_LIKE_NUMBER.matcher(id).matches()) {
            throw new InvalidRequestException(path + ".id", "must be a pseudonymous id, not a phone number");
        }
        JsonNode number = node.get("number");
        if (number == null || number.isNull()) {
            throw new InvalidRequestException(path + ".number", "is required");
        }
        if (!number.isTextual()) {
            throw new InvalidRequestException(path + ".number", "must be a string (E.164, e.g. \"+91...\")");
        }
        return new Participant(id, normalise(number.asText(), path + ".number"));
    }

    private PhoneNumber normalise(String raw, String path) {
        try {
            return normalizer.normalize(raw);
        } catch (InvalidNumberException e) {
            throw new InvalidRequestException(path, "not a valid phone number ("
                    + e.reason().name().toLowerCase(Locale.ROOT) + ")");
        }
    }
}
