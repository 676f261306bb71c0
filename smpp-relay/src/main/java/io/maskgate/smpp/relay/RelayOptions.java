package io.maskgate.smpp.relay;

import io.maskgate.smpp.server.Checks;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Options of the relay between the two faces. Immutable; build with {@link #builder()}, change a
 * copy with {@link #mutate()}.
 */
public final class RelayOptions {
    /** How long an upstream message id stays mapped to its ESME message: receipts later are not matched. */
    public static final Duration DEFAULT_RECEIPT_TTL = Duration.ofHours(72);
    /**
     * Longest an MO deliver_sm waits for the routing decision. The Router fails closed within
     * the store's own timeouts; this is a backstop that answers ESME_RSYSERR (the SMSC retries).
     */
    public static final Duration DEFAULT_ROUTING_TIMEOUT = Duration.ofSeconds(2);
    /** Longest a submit or receipt waits for the message-id map. */
    public static final Duration DEFAULT_STORE_TIMEOUT = Duration.ofSeconds(1);

    private final Optional<String> moSystemId;
    private final Duration receiptTtl;
    private final Duration routingTimeout;
    private final Duration storeTimeout;
    private final DltOptions dlt;
    private final Set<Short> extraMtTlvTags;

    private RelayOptions(Builder b) {
        this.moSystemId = b.moSystemId;
        this.receiptTtl = b.receiptTtl;
        this.routingTimeout = b.routingTimeout;
        this.storeTimeout = b.storeTimeout;
        this.dlt = b.dlt;
        this.extraMtTlvTags = b.extraMtTlvTags;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static RelayOptions create() {
        return builder().build();
    }

    public Builder mutate() {
        Builder b = new Builder().receiptTtl(receiptTtl).routingTimeout(routingTimeout).storeTimeout(storeTimeout)
                .dlt(dlt).extraMtTlvTags(extraMtTlvTags);
        moSystemId.ifPresent(b::moSystemId);
        return b;
    }

    /** The ESME account MO messages are delivered to; empty: MO is refused (ESME_RX_P_APPN). */
    public Optional<String> moSystemId() {
        return moSystemId;
    }

    public Duration receiptTtl() {
        return receiptTtl;
    }

    public Duration routingTimeout() {
        return routingTimeout;
    }

    public Duration storeTimeout() {
        return storeTimeout;
    }

    public DltOptions dlt() {
        return dlt;
    }

    /** Tags let through towards the SMSC beyond {@link TlvPolicy}'s list and the DLT tags. */
    public Set<Short> extraMtTlvTags() {
        return extraMtTlvTags;
    }

    @Override
    public String toString() {
        return "RelayOptions[moSystemId=" + moSystemId.orElse("(none)") + ", receiptTtl=" + receiptTtl
                + ", routingTimeout=" + routingTimeout + ", storeTimeout=" + storeTimeout + ", dlt=" + dlt
                + ", extraMtTlvTags=" + extraMtTlvTags + "]";
    }

    public static final class Builder {
        private Optional<String> moSystemId = Optional.empty();
        private Duration receiptTtl = DEFAULT_RECEIPT_TTL;
        private Duration routingTimeout = DEFAULT_ROUTING_TIMEOUT;
        private Duration storeTimeout = DEFAULT_STORE_TIMEOUT;
        private DltOptions dlt = DltOptions.DEFAULT;
        private Set<Short> extraMtTlvTags = Set.of();

        private Builder() {}

        /** Default none; an account's system_id (1..15 characters). */
        public Builder moSystemId(String systemId) {
            Objects.requireNonNull(systemId, "moSystemId");
            Checks.range("moSystemId length", systemId.length(), 1, 15);
            this.moSystemId = Optional.of(systemId);
            return this;
        }

        /** Default 72 h; positive. */
        public Builder receiptTtl(Duration ttl) {
            this.receiptTtl = Checks.positive("receiptTtl", ttl);
            return this;
        }

        /** Default 2 s; positive. */
        public Builder routingTimeout(Duration timeout) {
            this.routingTimeout = Checks.positive("routingTimeout", timeout);
            return this;
        }

        /** Default 1 s; positive. */
        public Builder storeTimeout(Duration timeout) {
            this.storeTimeout = Checks.positive("storeTimeout", timeout);
            return this;
        }

        /** Default {@link DltOptions#DEFAULT} (tags 0x1400/0x1401, required for nobody). */
        public Builder dlt(DltOptions dlt) {
            this.dlt = Objects.requireNonNull(dlt, "dlt");
            return this;
        }

        /** Default none. */
        public Builder extraMtTlvTags(Set<Short> tags) {
            this.extraMtTlvTags = Set.copyOf(tags);
            return this;
        }

        public RelayOptions build() {
            return new RelayOptions(this);
        }
    }
}
