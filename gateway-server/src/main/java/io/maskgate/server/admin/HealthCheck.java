package io.maskgate.server.admin;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * One part's health as {@code /health/ready} reports it, under {@code checks.<name>}.
 *
 * @param required when true, an unhealthy part makes the node not ready (503, reason
 *                 {@code <name>_unhealthy}); when false it is only reported (an upstream SMSC
 *                 that is down does not stop the node serving sessions)
 */
public record HealthCheck(String name, BooleanSupplier healthy, boolean required) {
    public HealthCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(healthy, "healthy");
    }

    public static HealthCheck required(String name, BooleanSupplier healthy) {
        return new HealthCheck(name, healthy, true);
    }

    public static HealthCheck reported(String name, BooleanSupplier healthy) {
        return new HealthCheck(name, healthy, false);
    }
}
