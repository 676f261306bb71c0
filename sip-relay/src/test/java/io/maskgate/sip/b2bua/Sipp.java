package io.maskgate.sip.b2bua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One sipp process (/usr/bin/sipp), always bounded: {@code -m 1}, {@code -timeout} with
 * {@code -timeout_error}, and killed when it outlives the Java-side limit. Runs in its own
 * directory, with {@code -trace_msg} so the test can read every message it sent and received.
 */
final class Sipp {

    private static final int JAVA_LIMIT_SECONDS = 40;

    private final Path dir;
    private final Process process;

    private Sipp(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
    }

    /** The callee trunk: a UAS scenario bound to {@code port}. */
    static Sipp uas(Path dir, String scenario, int port, String callee) {
        Sipp s = start(dir, scenario, List.of("-p", Integer.toString(port), "-key", "callee", callee));
        awaitBound(port, s);
        return s;
    }

    /** The callee trunk over TCP ({@code -t t1}): a UAS scenario listening on TCP {@code port}. */
    static Sipp uasTcp(Path dir, String scenario, int port, String callee) {
        Sipp s = start(dir, scenario, List.of("-t", "t1", "-p", Integer.toString(port), "-key", "callee", callee));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> {
            if (!s.process.isAlive()) {
                return true;
            }
            try (java.net.Socket probe = new java.net.Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
        return s;
    }

    /** The carrier-side caller: a UAC scenario sending to the gateway. */
    static Sipp uac(Path dir, String scenario, int gatewayPort, String proxy, String caller, String... extra) {
        List<String> args = new ArrayList<>(List.of("-p", "0", "-key", "proxy", proxy, "-key", "caller", caller));
        args.addAll(List.of(extra));
        args.add("127.0.0.1:" + gatewayPort);
        return start(dir, scenario, args);
    }

    private static Sipp start(Path dir, String scenario, List<String> args) {
        try {
            Files.createDirectories(dir);
            File sf = new File(Objects.requireNonNull(Sipp.class.getResource("/sipp/" + scenario), scenario).toURI());
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/sipp", "-sf", sf.getAbsolutePath(), "-i", "127.0.0.1",
                    "-m", "1", "-timeout", "20s", "-timeout_error", "-nostdin", "-trace_msg", "-trace_err"));
            cmd.addAll(args);
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("sipp.out").toFile()).start();
            return new Sipp(dir, p);
        } catch (IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException("sipp did not start", e);
        }
    }

    /** Waits (bounded) until sipp holds its UDP port, so the gateway's first INVITE is not lost. */
    private static void awaitBound(int port, Sipp s) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> {
            if (!s.process.isAlive()) {
                return true;
            }
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
                return false;
            } catch (SocketException taken) {
                return true;
            }
        });
    }

    /** Waits for the scenario to end and asserts it passed. */
    void assertPassed() {
        int code = waitFor();
        assertEquals(0, code, () -> "sipp failed (" + code + "): " + output());
    }

    /**
     * Waits for the caller's and then the callee's scenario and asserts both passed; kills both
     * either way, so that a failed one does not hold its port for the next test.
     */
    static void assertBothPassed(Sipp caller, Sipp callee) {
        try {
            caller.assertPassed();
            callee.assertPassed();
        } finally {
            caller.kill();
            callee.kill();
        }
    }

    int waitFor() {
        try {
            if (!process.waitFor(JAVA_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                assertTrue(false, "sipp outlived " + JAVA_LIMIT_SECONDS + " s: " + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    void kill() {
        process.destroyForcibly();
    }

    /** {@link #messageLog()} as text (SIP is ASCII; ISO-8859-1 keeps any other byte as one char). */
    String messageLogText() {
        return new String(messageLog(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Every message sipp sent and received (its -trace_msg log). */
    byte[] messageLog() {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> logs = files.filter(f -> f.getFileName().toString().endsWith("_messages.log")).toList();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (Path f : logs) {
                out.write(Files.readAllBytes(f));
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String output() {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith("sipp.out") || f.toString().endsWith("_errors.log"))
                    .toList()) {
                String s = Files.readString(f);
                sb.append(f.getFileName()).append(": ").append(s.length() > 3000 ? s.substring(s.length() - 3000) : s);
            }
        } catch (IOException e) {
            sb.append("(unreadable: ").append(e.getClass().getSimpleName()).append(')');
        }
        return sb.toString();
    }
}
