package io.maskgate.bench.smpp;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * CPU time of this JVM plus its child processes (the redis-server it started), so a run can be
 * told CPU-bound (CPU per message x rate close to the cores available) from latency-bound.
 */
final class CpuTime {
    private CpuTime() {}

    static long total() {
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        long children = ProcessHandle.current().children()
                .mapToLong(p -> p.info().totalCpuDuration().orElse(Duration.ZERO).toNanos()).sum();
        return jvm + children;
    }
}
