package io.maskgate.sip.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The RFC 4475 torture messages in src/test/resources/rfc4475 and the outcome we promise for
 * each, written out file by file so that a test cannot pass by accident: a file with no row
 * here fails the coverage test.
 */
public final class Rfc4475Corpus {

    /** What the gateway does with a message, before any application logic. */
    public record Outcome(Kind kind, int status) {
        public enum Kind { PASS, REJECT, DROP }

        public static Outcome pass() {
            return new Outcome(Kind.PASS, 0);
        }

        public static Outcome reject(int status) {
            return new Outcome(Kind.REJECT, status);
        }

        public static Outcome drop() {
            return new Outcome(Kind.DROP, 0);
        }

        @Override
        public String toString() {
            return kind == Kind.REJECT ? "reject " + status : kind.name().toLowerCase();
        }
    }

    /** One row of INDEX.tsv. */
    public record Entry(String section, String file, String rfcClass, String expectation) {
        @Override
        public String toString() {
            return section + " " + file;
        }
    }

    /**
     * Our outcome per file, received over UDP. "pass" means handed on (to the application, or
     * for an out-of-dialog OPTIONS to the built-in OPTIONS responder).
     */
    public static final Map<String, Outcome> UDP_OUTCOMES = Map.ofEntries(
            // 3.1.1 valid messages: all parsed and passed on
            Map.entry("wsinv.dat", Outcome.pass()),
            Map.entry("intmeth.dat", Outcome.pass()),
            Map.entry("esc01.dat", Outcome.pass()),
            Map.entry("escnull.dat", Outcome.pass()),
            Map.entry("esc02.dat", Outcome.pass()),
            Map.entry("lwsdisp.dat", Outcome.pass()),
            Map.entry("longreq.dat", Outcome.pass()),
            Map.entry("dblreq.dat", Outcome.pass()),
            Map.entry("semiuri.dat", Outcome.pass()),
            Map.entry("transports.dat", Outcome.pass()),
            Map.entry("mpart01.dat", Outcome.pass()),
            Map.entry("unreason.dat", Outcome.pass()),
            Map.entry("noreason.dat", Outcome.pass()),
            // 3.1.2 invalid messages
            Map.entry("badinv01.dat", Outcome.reject(400)),
            Map.entry("clerr.dat", Outcome.reject(400)),
            Map.entry("ncl.dat", Outcome.reject(400)),
            Map.entry("scalar02.dat", Outcome.reject(400)),
            Map.entry("scalarlg.dat", Outcome.drop()),
            Map.entry("quotbal.dat", Outcome.reject(400)),
            Map.entry("ltgtruri.dat", Outcome.reject(400)),
            Map.entry("lwsruri.dat", Outcome.reject(400)),
            Map.entry("lwsstart.dat", Outcome.reject(400)),
            Map.entry("trws.dat", Outcome.reject(400)),
            Map.entry("escruri.dat", Outcome.reject(400)),
            Map.entry("baddate.dat", Outcome.reject(400)),
            Map.entry("regbadct.dat", Outcome.reject(400)),
            Map.entry("badaspec.dat", Outcome.reject(400)),
            Map.entry("baddn.dat", Outcome.reject(400)),
            Map.entry("badvers.dat", Outcome.reject(505)),
            Map.entry("mismatch01.dat", Outcome.reject(400)),
            Map.entry("mismatch02.dat", Outcome.reject(400)),
            Map.entry("bigcode.dat", Outcome.drop()),
            // 3.2 transaction layer: RFC 2543 branch, handed on (the transaction layer matches it)
            Map.entry("badbranch.dat", Outcome.pass()),
            // 3.3 application layer
            Map.entry("insuf.dat", Outcome.reject(400)),
            Map.entry("unkscm.dat", Outcome.reject(416)),
            Map.entry("novelsc.dat", Outcome.reject(416)),
            Map.entry("unksm2.dat", Outcome.pass()),
            Map.entry("bext01.dat", Outcome.reject(420)),
            Map.entry("invut.dat", Outcome.reject(415)),
            Map.entry("regaut01.dat", Outcome.pass()),
            Map.entry("multi01.dat", Outcome.reject(400)),
            Map.entry("mcl01.dat", Outcome.reject(400)),
            Map.entry("bcast.dat", Outcome.drop()),
            // out-of-dialog OPTIONS is answered by the gateway itself, not forwarded: no 483
            Map.entry("zeromf.dat", Outcome.pass()),
            Map.entry("cparam01.dat", Outcome.pass()),
            Map.entry("cparam02.dat", Outcome.pass()),
            Map.entry("regescrt.dat", Outcome.pass()),
            Map.entry("sdp01.dat", Outcome.reject(406)),
            // 3.4 backward compatibility
            Map.entry("inv2543.dat", Outcome.pass()),
            // not an RFC 4475 message (php-sip's own fixture): no SIP-Version, no Via, no CSeq
            Map.entry("test.dat", Outcome.drop()));

    private Rfc4475Corpus() {
    }

    public static byte[] load(String file) {
        try (InputStream in = Rfc4475Corpus.class.getResourceAsStream("/rfc4475/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no such corpus file: " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows of INDEX.tsv (header line skipped). */
    public static List<Entry> index() {
        String text = new String(load("INDEX.tsv"), StandardCharsets.UTF_8);
        List<Entry> out = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] cols = lines[i].split("\t");
            out.add(new Entry(cols[0], cols[1], cols[2], cols[3].strip()));
        }
        return out;
    }

    /** Every message file of the corpus: the INDEX rows plus files INDEX does not list. */
    public static List<String> allFiles() {
        return UDP_OUTCOMES.keySet().stream().sorted().toList();
    }

    /**
     * Replaces the sent-by of the top Via with {@code hostPort} so that nothing is ever sent to
     * the hosts the corpus names (see the corpus README). Works on the raw bytes: the corpus is
     * full of odd spacing that a parser would normalise away.
     */
    public static byte[] rewriteTopVia(byte[] message, String hostPort) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(?im)^(via|v)[ \\t]*:[ \\t]*(SIP[ \\t]*/[ \\t]*[0-9.]+[ \\t]*/[ \\t]*[A-Za-z]+)[ \\t]+([^;,\\r\\n]+)")
                .matcher(text);
        if (!m.find()) {
            return message;
        }
        String replaced = text.substring(0, m.start(3)) + hostPort + text.substring(m.end(3));
        return replaced.getBytes(StandardCharsets.ISO_8859_1);
    }
}
