package io.maskgate.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * One sipp process ({@code /usr/bin/sipp}, Debian package sip-tester) playing a scenario from
 * {@code src/test/resources/sipp/}, on 127.0.0.1 only and always bounded three ways: one call unless a test asks for more
 * ({@code -m 1}), a global {@code -timeout} that fails the run ({@code -timeout_error}), and a
 * Java-side limit after which the process is killed. Each process runs in its own directory with
 * {@code -trace_msg}, so a test can read every message it sent and received.
 */
final class Sipp implements AutoCloseable {

    /** sipp's own bound on one run: a whole call here takes well under a second. */
    static final Duration SIPP_TIMEOUT = Duration.ofSeconds(20);
    /** The Java side's bound, above sipp's so that sipp normally reports its own timeout. */
    static final Duration PROCESS_TIMEOUT = SIPP_TIMEOUT.plusSeconds(20);
    private static final String SIPP = "/usr/bin/sipp";

    private final Path dir;
    private final Process process;

    private Sipp(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
    }

    /**
     * The callee trunk: a UAS scenario bound to {@code 127.0.0.1:port}, {@code [callee]} = the
     * callee's number. Returns once sipp holds the port, so the gateway's INVITE is not lost.
     */
    static Sipp uas(Path dir, String scenario, int port, String callee) {
        Sipp sipp = start(dir, scenario, List.of("-p", Integer.toString(port), "-key", "callee", callee));
        sipp.awaitBound(port);
        return sipp;
    }

    /**
     * The carrier: a UAC scenario calling {@code [proxy]} from {@code [caller]} through the gateway
     * at {@code 127.0.0.1:gatewayPort}, from a free port of its own.
     */
    static Sipp uac(Path dir, String scenario, int gatewayPort, String proxy, String caller) {
        return start(dir, scenario, List.of("-p", "0", "-key", "proxy", proxy, "-key", "caller", caller,
                "127.0.0.1:" + gatewayPort));
    }

    /** A carrier-side caller that answers digest challenges as {@code user} with {@code password}. */
    static Sipp uacWithCredentials(Path dir, String scenario, int gatewayPort, String proxy, String caller,
            String user, String password) {
        return start(dir, scenario, List.of("-p", "0", "-key", "proxy", proxy, "-key", "caller", caller,
                "-au", user, "-ap", password, "127.0.0.1:" + gatewayPort));
    }

    /**
     * The callee trunk for {@code calls} calls (concurrent ones included), otherwise as
     * {@link #uas(Path, String, int, String)}.
     */
    static Sipp uasCalls(Path dir, String scenario, int port, String callee, int calls) {
        Sipp sipp = start(dir, scenario, calls, List.of("-p", Integer.toString(port), "-key", "callee", callee));
        sipp.awaitBound(port);
        return sipp;
    }

    /**
     * The carrier placing {@code calls} calls at {@code callsPerSecond}, otherwise as
     * {@link #uac(Path, String, int, String, String)}; sipp exits 0 only when every call succeeded.
     */
    static Sipp uacCalls(Path dir, String scenario, int gatewayPort, String proxy, String caller, int calls,
            int callsPerSecond) {
        return start(dir, scenario, calls, List.of("-p", "0", "-r", Integer.toString(callsPerSecond), "-rp", "1000",
                "-key", "proxy", proxy, "-key", "caller", caller, "127.0.0.1:" + gatewayPort));
    }

    private static Sipp start(Path dir, String scenario, List<String> args) {
        return start(dir, scenario, 1, args);
    }

    private static Sipp start(Path dir, String scenario, int calls, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(SIPP, "-sf", scenarioFile(scenario).toString(), "-i", "127.0.0.1",
                "-m", Integer.toString(calls), "-timeout", SIPP_TIMEOUT.toSeconds() + "s", "-timeout_error", "-nostdin",
                "-trace_msg", "-trace_err"));
        cmd.addAll(args);
        try {
            Files.createDirectories(dir);
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("sipp.out").toFile()).start();
            return new Sipp(dir, p);
        } catch (IOException e) {
            throw new UncheckedIOException("sipp did not start: " + cmd, e);
        }
    }

    private static Path scenarioFile(String scenario) {
        URL url = Sipp.class.getResource("/sipp/" + scenario);
        if (url == null) {
            throw new IllegalArgumentException("no scenario src/test/resources/sipp/" + scenario);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Bounded wait until the UDP port is taken (or sipp died, which {@link #assertPassed()} then reports). */
    private void awaitBound(int port) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !process.isAlive() || isTaken(port));
    }

    private static boolean isTaken(int port) {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
            return false;
        } catch (SocketException taken) {
            return true;
        }
    }

    /** Waits (bounded) for the scenario to end and asserts that every call of it succeeded. */
    void assertPassed() {
        int code = waitFor();
        assertEquals(0, code, () -> "sipp exited with " + code + ": " + output());
    }

    private int waitFor() {
        try {
            if (!process.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                kill();
                fail("sipp outlived " + PROCESS_TIMEOUT + ": " + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for sipp", e);
        }
    }

    /** Every message sipp sent and received so far (its -trace_msg log); empty when none. */
    byte[] messageLog() {
        try (Stream<Path> files = Files.list(dir)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith("_messages.log")).toList()) {
                out.write(Files.readAllBytes(f));
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String messageLogText() {
        return new String(messageLog(), StandardCharsets.ISO_8859_1);
    }

    /** sipp's screen output and error log, tail only: for assertion messages. */
    String output() {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith("sipp.out") || f.toString().endsWith("_errors.log"))
                    .toList()) {
                String s = Files.readString(f, StandardCharsets.ISO_8859_1);
                sb.append(f.getFileName()).append(": ").append(s.length() > 3000 ? s.substring(s.length() - 3000) : s);
            }
        } catch (IOException e) {
            sb.append("(unreadable: ").append(e.getClass().getSimpleName()).append(')');
        }
        return sb.toString();
    }

    /** Kills the process and waits (bounded) until it is gone, so its port is free for the next one. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
