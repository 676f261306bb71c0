package io.maskgate.sip.carrier;

import io.maskgate.sip.limit.CallCapacity;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One carrier that trunks calls in, as conf names it: where its INVITEs come from, and what it
 * bought from us in the units carriers sell interconnects by.
 *
 * @param name 1-64 chars of {@code [A-Za-z0-9._-]}; the {@code carrier} tag of the carrier meters
 * @param addresses the address blocks its INVITEs come from (at least one)
 * @param maxCalls calls at once, ringing or answered, or {@link CallCapacity#UNLIMITED}
 * @param maxCallsPerSecond new calls a second, or {@link CallCapacity#UNLIMITED}
 * @param trustAssertedIdentity whether this carrier's P-Asserted-Identity names the caller (it
 *     screens what its customers send); empty: the relay's own setting
 */
public record CarrierOptions(String name, List<Cidr> addresses, int maxCalls, int maxCallsPerSecond,
                             Optional<Boolean> trustAssertedIdentity) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public CarrierOptions {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("carrier name must be 1-64 chars of [A-Za-z0-9._-]");
        }
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(trustAssertedIdentity, "trustAssertedIdentity");
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("carrier " + name + " needs at least one address block");
        }
        if (maxCalls < 0 || maxCallsPerSecond < 0) {
            throw new IllegalArgumentException("carrier limits must be 0 (none) or more");
        }
    }

    /** A carrier that takes the relay's own trust in P-Asserted-Identity. */
    public CarrierOptions(String name, List<Cidr> addresses, int maxCalls, int maxCallsPerSecond) {
        this(name, addresses, maxCalls, maxCallsPerSecond, Optional.empty());
    }
}
