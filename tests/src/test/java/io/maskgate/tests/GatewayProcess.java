package io.maskgate.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real gateway jar ({@code gateway-server/target/maskgate.jar}, built by {@code mvn verify}
 * before this module's tests run) started as a separate process, as ops would start it.
 * Everything it prints goes to a file so tests can grep it for numbers that must not be there.
 */
final class GatewayProcess implements AutoCloseable {
    static final String PASSWORD_ENV = "MASKGATE_KEYSTORE_PASSWORD";
    static final String KEYSTORE_PASSWORD = "e2e-test-password";
    /** The shipped conf's upstream SMSC bind password variable; SMPP passwords are at most 8 chars. */
    static final String SMSC_PASSWORD_ENV = "MASKGATE_SMSC_PASSWORD";
    static final String SMSC_PASSWORD = "e2esmsc1";
    private static final Pattern ADMIN_URL = Pattern.compile("admin API listening on (http://[^ ]+)");
    private static final Pattern SMPP_PORT = Pattern.compile("SMPP relay listening on [^ ]+:(\\d+) ");
    private static final Pattern SIP_UDP_PORT = Pattern.compile("SIP relay listening on udp [^ ]+:(\\d+) ");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** The listener lines follow the admin line within milliseconds; this only bounds a broken start. */
    private static final Duration LINE_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final Path output;
    private final URI adminUri;

    private GatewayProcess(Process process, Path output, URI adminUri) {
        this.process = process;
        this.output = output;
        this.adminUri = adminUri;
    }

    /** Starts the jar on {@code conf} and waits until it logs its admin address (or exits). */
    static GatewayProcess start(Path conf, Path workDir) {
        Path output = workDir.resolve("gateway.out");
        ProcessBuilder builder = new ProcessBuilder(command(conf))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        environment(builder);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Optional<Matcher> admin = awaitMatch(process, output, ADMIN_URL, START_TIMEOUT);
        if (admin.isPresent()) {
            return new GatewayProcess(process, output, URI.create(admin.get().group(1)));
        }
        if (!process.isAlive()) {
            throw new IllegalStateException("gateway exited with " + process.exitValue() + ":\n" + read(output));
        }
        process.destroyForcibly();
        throw new IllegalStateException("gateway did not log its admin address in " + START_TIMEOUT + ":\n" + read(output));
    }

    /** Runs the jar to completion (for {@code validate} and bad-conf cases) and returns exit code + output. */
    static Finished runToExit(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        Path out = workDir.resolve("run-" + System.nanoTime() + ".out");
        ProcessBuilder builder = new ProcessBuilder(cmd).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(out.toFile());
        environment(builder);
        Process p = builder.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("gateway did not exit in 60 s:\n" + read(out));
        }
        return new Finished(p.exitValue(), read(out));
    }

    private static final Pattern VERIFIED_RECORDS = Pattern.compile("OK .*: (\\d+) records");

    /**
     * Runs the audit tool's verify on the work dir's decision log (as the README shows it) and
     * returns how many records it vouched for; fails the test when the chain does not verify.
     */
    static int verifiedDecisionRecords(Path workDir) throws IOException, InterruptedException {
        Finished verify = runClass(workDir, "io.maskgate.core.audit.AuditTool", "verify",
                "--log", "run/decisions.log", "--keys", "run/maskgate.bcfks", "--password-env", PASSWORD_ENV);
        Matcher records = VERIFIED_RECORDS.matcher(verify.output());
        if (verify.exitCode() != 0 || !records.find()) {
            throw new AssertionError("the decision log does not verify (exit " + verify.exitCode() + "):\n"
                    + verify.output());
        }
        return Integer.parseInt(records.group(1));
    }

    /**
     * Runs another main class of the jar to completion ({@code java -cp maskgate.jar <mainClass> args}),
     * e.g. the audit tool, with the same environment as the gateway.
     */
    static Finished runClass(Path workDir, String mainClass, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-cp", jar().toString(), mainClass));
        cmd.addAll(List.of(args));
        Path out = workDir.resolve("run-" + System.nanoTime() + ".out");
        ProcessBuilder builder = new ProcessBuilder(cmd).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(out.toFile());
        environment(builder);
        Process p = builder.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(mainClass + " did not exit in 60 s:\n" + read(out));
        }
        return new Finished(p.exitValue(), read(out));
    }

    record Finished(int exitCode, String output) {}

    /** The SMPP server face's port, from the start-up log line (the conf may say port 0). */
    int smppPort() {
        return Integer.parseInt(awaitLine(SMPP_PORT, "an SMPP listener").group(1));
    }

    /** The SIP relay's UDP port, from the start-up log line (the conf may say port 0). */
    int sipUdpPort() {
        return Integer.parseInt(awaitLine(SIP_UDP_PORT, "a SIP listener").group(1));
    }

    /**
     * The first match of {@code line} in the output, waiting for it: {@link #start} returns at the
     * admin line, and the gateway logs its SIP and SMPP listeners just after it, so a test that
     * asks at once can read the file before those lines are in it.
     */
    private Matcher awaitLine(Pattern line, String what) {
        return awaitMatch(process, output, line, LINE_TIMEOUT).orElseThrow(
                () -> new IllegalStateException("gateway did not log " + what + ":\n" + output()));
    }

    /**
     * The first match of {@code line} in {@code output}, polled until it appears; empty when the
     * process exits or {@code bound} passes first.
     */
    private static Optional<Matcher> awaitMatch(Process process, Path output, Pattern line, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            Matcher m = line.matcher(read(output));
            if (m.find()) {
                return Optional.of(m);
            }
            if (System.nanoTime() > deadline || !process.isAlive()) {
                return Optional.empty();
            }
            waitBriefly(process);
        }
    }

    URI adminUri() {
        return adminUri;
    }

    /** All the process printed so far (logs included). */
    String output() {
        return read(output);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Sends SIGTERM ({@link Process#destroy()} on Unix) and returns at once: the gateway drains. */
    void signalTerm() {
        process.destroy();
    }

    /** Sends SIGHUP (the gateway re-reads its conf) with {@code kill}, and waits for kill to return. */
    void signalHup() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -HUP " + process.pid() + " failed");
        }
    }

    /** Waits (bounded) for the process to end and returns its exit code; kills it and fails past the bound. */
    int awaitExit(Duration bound) throws InterruptedException {
        if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("gateway did not exit within " + bound + ":\n" + output());
        }
        return process.exitValue();
    }

    /** SIGTERM, then waits for the exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    private static void environment(ProcessBuilder builder) {
        builder.environment().put(PASSWORD_ENV, KEYSTORE_PASSWORD);
        builder.environment().put(SMSC_PASSWORD_ENV, SMSC_PASSWORD);
    }

    private static List<String> command(Path conf) {
        return List.of(javaBinary(), "-Xmx256m", "-jar", jar().toString(), "--conf", conf.toString());
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("maskgate.jar", "../gateway-server/target/maskgate.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run 'mvn -B verify' from the repository root");
        }
        return jar;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void waitBriefly(Process process) {
        try {
            process.waitFor(50, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the gateway", e);
        }
    }
}
