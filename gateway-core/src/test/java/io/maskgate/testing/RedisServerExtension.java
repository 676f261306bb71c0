package io.maskgate.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one {@link RedisServer} per test class and injects it into constructors, lifecycle
 * methods and test methods that declare a {@code RedisServer} parameter. The server is stopped
 * and its temp dir removed when the class finishes (through JUnit's closeable store).
 *
 * <pre>{@code
 * @ExtendWith(RedisServerExtension.class)
 * class FooIntegrationTest {
 *     @Test
 *     void works(RedisServer redis) { ... redis.uri() ... }
 * }
 * }</pre>
 *
 * A test that calls {@link RedisServer#stop()} should restart it (or be the last user), since the
 * instance is shared by the whole class; {@link #beforeAll} does not restart it between tests.
 */
public final class RedisServerExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(RedisServerExtension.class);
    private static final String KEY = "redis-server";

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == RedisServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        RedisServer server = server(extensionContext);
        // A previous test of the class may have stopped it; every test starts with a live server.
        server.start();
        return server;
    }

    private static RedisServer server(ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        return classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(KEY, k -> new CloseableServer(RedisServer.startNew()), CloseableServer.class)
                .server();
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestClass().isPresent() && c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    /** Lets JUnit close the server when the class's store is closed. */
    private record CloseableServer(RedisServer server) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }
}
