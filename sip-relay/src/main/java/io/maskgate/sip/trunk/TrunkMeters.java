package io.maskgate.sip.trunk;

import io.micrometer.core.instrument.Counter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What is counted per trunk name rather than per {@link Trunk} object: a conf reload replaces the
 * objects, while calls placed before it still hold a place on the trunk and end later.
 *
 * @param attempts the counters of {@link TrunkGroup#TRUNK_ATTEMPTS}, one per result
 * @param activeCalls calls holding one of the trunk's places (see {@link Trunk#tryAcquire()})
 */
record TrunkMeters(Map<TrunkAttemptResult, Counter> attempts, AtomicInteger activeCalls) {
}
