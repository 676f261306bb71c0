package io.maskgate.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * The process-wide shared resources: event loops, the meter registry and the clock. Created once,
 * passed to whoever needs them, closed last (after everything that uses them).
 */
public final class ServerResources implements AutoCloseable {

    /** Admin API traffic is light; one acceptor and two I/O threads are plenty on a 2-core box. */
    public static final int DEFAULT_ADMIN_IO_THREADS = 2;

    private final EventLoopGroup acceptor;
    private final EventLoopGroup adminWorkers;
    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gcMetrics;
    private final Clock clock;

    public ServerResources(Clock clock) {
        this.clock = clock;
        this.acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("maskgate-accept"),
                NioIoHandler.newFactory());
        this.adminWorkers = new MultiThreadIoEventLoopGroup(DEFAULT_ADMIN_IO_THREADS,
                new DefaultThreadFactory("maskgate-admin"), NioIoHandler.newFactory());
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // ProcessorMetrics counts CPU time in ns (process_cpu_time_ns_total); Prometheus wants
        // seconds, so that one meter is replaced by process_cpu_seconds_total below.
        registry.config().meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"));
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        this.gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(registry);
        new NettyPoolMetrics(PooledByteBufAllocator.DEFAULT.metric()).bindTo(registry);
        processCpuSeconds(registry);
    }

    private static void processCpuSeconds(PrometheusMeterRegistry registry) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            FunctionCounter.builder("process.cpu", os, o -> o.getProcessCpuTime() / 1e9).baseUnit("seconds")
                    .description("CPU time used by the JVM process").register(registry);
        }
    }

    public EventLoopGroup acceptor() {
        return acceptor;
    }

    public EventLoopGroup adminWorkers() {
        return adminWorkers;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public Clock clock() {
        return clock;
    }

    /** Stops the event loops (a short quiet period: the listeners are already closed) and the registry. */
    @Override
    public void close() {
        acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        adminWorkers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        acceptor.terminationFuture().awaitUninterruptibly(3, TimeUnit.SECONDS);
        gcMetrics.close();
        registry.close();
    }
}
