package io.maskgate.server.config;

import java.util.Optional;

/** Checks one already-typed value; answers the reason it is wrong, or empty when it is fine. */
@FunctionalInterface
public interface Validator {

    /** @return the reason, phrased to follow {@code "<key>: "} (e.g. {@code must be between 1 and 10, was 0}) */
    Optional<String> problem(Object value);

    /** Accepts everything the type accepts. */
    Validator ANY = value -> Optional.empty();
}
