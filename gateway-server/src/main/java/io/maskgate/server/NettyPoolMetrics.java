package io.maskgate.server;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.netty.buffer.PooledByteBufAllocatorMetric;
import java.util.Objects;

/**
 * Netty's pooled buffer allocator (the one every MaskGate channel uses) as gauges. Micrometer's
 * own Netty binder tags each allocator with its identity hash, a number; these gauges carry only
 * {@code type=direct|heap}, so the label set stays closed.
 */
final class NettyPoolMetrics implements MeterBinder {

    /** Gauge: bytes the pooled allocator holds from the OS / the heap, tag {@code type}. */
    static final String USED = "maskgate_netty_pool_used_bytes";
    /** Gauge: arenas of the pooled allocator, tag {@code type}. */
    static final String ARENAS = "maskgate_netty_pool_arenas";
    /** Gauge: thread-local caches of the pooled allocator. */
    static final String THREAD_LOCAL_CACHES = "maskgate_netty_pool_thread_local_caches";
    static final String TAG_TYPE = "type";

    private final PooledByteBufAllocatorMetric metric;

    NettyPoolMetrics(PooledByteBufAllocatorMetric metric) {
        this.metric = Objects.requireNonNull(metric, "metric");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(USED, metric, PooledByteBufAllocatorMetric::usedDirectMemory).tag(TAG_TYPE, "direct")
                .baseUnit("bytes").description("Direct memory held by Netty's pooled allocator").register(registry);
        Gauge.builder(USED, metric, PooledByteBufAllocatorMetric::usedHeapMemory).tag(TAG_TYPE, "heap")
                .baseUnit("bytes").description("Heap memory held by Netty's pooled allocator").register(registry);
        Gauge.builder(ARENAS, metric, PooledByteBufAllocatorMetric::numDirectArenas).tag(TAG_TYPE, "direct")
                .description("Direct arenas of Netty's pooled allocator").register(registry);
        Gauge.builder(ARENAS, metric, PooledByteBufAllocatorMetric::numHeapArenas).tag(TAG_TYPE, "heap")
                .description("Heap arenas of Netty's pooled allocator").register(registry);
        Gauge.builder(THREAD_LOCAL_CACHES, metric, PooledByteBufAllocatorMetric::numThreadLocalCaches)
                .description("Thread-local caches of Netty's pooled allocator").register(registry);
    }
}
