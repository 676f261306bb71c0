package io.maskgate.core.audit;

import io.maskgate.core.number.PhoneNumber;
import io.maskgate.core.routing.Channel;
import io.maskgate.core.routing.Decision;
import io.maskgate.core.routing.RefusalReason;
import io.maskgate.core.session.SessionId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Decisions with real numbers in them, and line surgery on log files. */
final class AuditFixtures {

    static final PhoneNumber CUSTOMER = PhoneNumber.ofE164("+919812345678");
    static final PhoneNumber RIDER = PhoneNumber.ofE164("+919876543210");
    static final PhoneNumber PROXY = PhoneNumber.ofE164("+918000000001");
    static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");

    private AuditFixtures() {
    }

    /** Record {@code i}: routed for even i, refused (consent denied) for odd i; one second apart. */
    static DecisionRecord record(int i) {
        Instant time = T0.plusSeconds(i);
        if (i % 2 == 0) {
            return DecisionRecord.of(time, Channel.VOICE, new Decision.Route(CUSTOMER, PROXY,
                    new SessionId("s-" + i), "delivery", "rider-" + i, "cust-" + i, "cd-" + i));
        }
        return DecisionRecord.of(time, Channel.SMS, new Decision.Refuse(RefusalReason.CONSENT_DENIED, "consent denied"))
                .withSession(new SessionId("s-" + i), "delivery", "rider-" + i, "cust-" + i)
                .withConsentDecisionId("cd-" + i);
    }

    static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    static void write(Path file, List<String> lines) throws IOException {
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    /** Replaces tab-separated field {@code field} of line {@code lineNo} (1-based). */
    static void editField(Path file, int lineNo, int field, String value) throws IOException {
        List<String> lines = new ArrayList<>(lines(file));
        String[] f = lines.get(lineNo - 1).split("\t", -1);
        f[field] = value;
        lines.set(lineNo - 1, String.join("\t", f));
        write(file, lines);
    }

    /** Every form a phone number could be written in, for grepping. */
    static List<String> forms(PhoneNumber n) {
        String d = n.digits();
        return List.of(n.e164(), d, d.substring(2), d.substring(2, 7) + " " + d.substring(7), d.substring(4, 10));
    }
}
