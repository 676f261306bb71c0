package io.maskgate.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} process for tests, bound to 127.0.0.1 on a free port, with a
 * temporary working directory and no persistence ({@code --save "" --appendonly no}).
 *
 * <p>{@link #stop()} kills the process and waits for it; {@link #start()} brings it back on the
 * <em>same</em> port, so clients can be tested across an outage without being rebuilt. After a
 * restart the data set is empty (no persistence). {@link #close()} stops it and removes the temp
 * directory.
 *
 * <pre>{@code
 * try (RedisServer redis = RedisServer.startNew()) {
 *     RedisClient.create(redis.uri());
 * }
 * }</pre>
 *
 * Usually obtained through {@link RedisServerExtension}, which starts one per test class.
 */
public final class RedisServer implements AutoCloseable {

    /** Where Debian/Ubuntu's {@code redis-server} package installs the binary. */
    public static final Path DEFAULT_BINARY = Path.of("/usr/bin/redis-server");

    /** How long {@link #start()} waits for the first PING answer. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    /** Servers still running; killed when the test JVM exits normally, so a failed run leaves no orphan. */
    private static final java.util.Set<RedisServer> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(RedisServer::stop), "redis-server-reaper"));
    }

    private final Path binary;
    private final int port;
    private final Path dir;
    private final java.util.Optional<String> password;
    private Process process;

    private RedisServer(Path binary, int port, Path dir, java.util.Optional<String> password) {
        this.binary = binary;
        this.port = port;
        this.dir = dir;
        this.password = password;
    }

    /** Starts a new server on a free port that requires AUTH with {@code password} ({@code requirepass}). */
    public static RedisServer startNewWithPassword(String password) {
        RedisServer server = new RedisServer(checkedBinary(DEFAULT_BINARY), FreePorts.tcpAndUdp(), tempDir(),
                java.util.Optional.of(password));
        server.start();
        return server;
    }

    /** Starts a new server on a free port with {@link #DEFAULT_BINARY}. */
    public static RedisServer startNew() {
        return startNew(DEFAULT_BINARY);
    }

    /** Starts a new server on a free port with the given binary. */
    public static RedisServer startNew(Path binary) {
        RedisServer server = new RedisServer(checkedBinary(binary), FreePorts.tcpAndUdp(), tempDir(), java.util.Optional.empty());
        server.start();
        return server;
    }

    private static Path checkedBinary(Path binary) {
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("redis-server is not installed at " + binary
                    + " (install the 'redis-server' package, e.g. apt-get install redis-server)");
        }
        return binary;
    }

    /** Starts the process (again) on this server's port; no-op when it is already running. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        List<String> command = new java.util.ArrayList<>(List.of(binary.toString(),
                "--port", Integer.toString(port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--dir", dir.toString(),
                "--logfile", dir.resolve("redis.log").toString()));
        password.ifPresent(p -> command.addAll(List.of("--requirepass", p)));
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.out").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
        LIVE.add(this);
        awaitPing();
    }

    /** Kills the process (SIGKILL, as a crash would) and waits until it is gone. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("redis-server on port " + port + " did not exit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping redis-server", e);
        }
        process = null;
        LIVE.remove(this);
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    /** {@code redis://127.0.0.1:<port>}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Stops the server and removes its working directory. */
    @Override
    public void close() {
        stop();
        deleteRecursively(dir);
    }

    private void awaitPing() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue()
                        + " on port " + port + "; see " + dir.resolve("redis.log"));
            }
            try {
                if (pingOnce()) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            pauseBriefly();
        }
        stop();
        throw new IllegalStateException("redis-server did not answer PING on port " + port
                + " within " + START_TIMEOUT, last);
    }

    private boolean pingOnce() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            String auth = password.map(p -> "AUTH " + p + "\r\n").orElse("");
            out.write((auth + "PING\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String expected = (password.isPresent() ? "+OK\r\n" : "") + "+PONG";
            byte[] buf = new byte[expected.length()];
            int n = in.readNBytes(buf, 0, buf.length);
            return new String(buf, 0, n, StandardCharsets.US_ASCII).equals(expected);
        }
    }

    /** Start-up polling only: lets the process bind its port (not a test-time sleep). */
    private static void pauseBriefly() {
        try {
            TimeUnit.MILLISECONDS.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for redis-server", e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("maskgate-redis-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp dir for redis-server", e);
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(RedisServer::deleteQuietly);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + root, e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + p, e);
        }
    }
}
