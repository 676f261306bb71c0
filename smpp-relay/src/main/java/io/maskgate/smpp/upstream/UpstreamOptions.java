package io.maskgate.smpp.upstream;

import io.maskgate.smpp.message.SmppAddress;
import io.maskgate.smpp.server.Checks;
import io.maskgate.smpp.server.SmppServerOptions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Options of the client face (our binds to upstream SMSCs). Immutable; see {@link #builder()}. */
public final class UpstreamOptions {
    /** Send enquire_link after this much silence on a bind (SMPP 3.4 section 4.11). */
    public static final Duration DEFAULT_ENQUIRE_LINK_INTERVAL = Duration.ofSeconds(30);
    /** How long we wait for any response (bind_resp, submit_sm_resp) from the SMSC. */
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(5);
    /** First reconnect delay after a bind is lost; doubles per failed attempt. */
    public static final Duration DEFAULT_RECONNECT_INITIAL = Duration.ofMillis(500);
    /** Reconnect delays are capped here, so a returning SMSC is found within this time. */
    public static final Duration DEFAULT_RECONNECT_MAX = Duration.ofSeconds(30);
    /** Submits in flight towards all upstreams together; more wait in no queue and are refused. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 64;
    /** Same cap and reasoning as the server face: {@link SmppServerOptions#DEFAULT_MAX_COMMAND_LENGTH}. */
    public static final int DEFAULT_MAX_COMMAND_LENGTH = SmppServerOptions.DEFAULT_MAX_COMMAND_LENGTH;
    /** TON of the proxy number we present as source_addr: international (SMPP 3.4 section 5.2.5). */
    public static final byte DEFAULT_SOURCE_TON = SmppAddress.TON_INTERNATIONAL;
    /** NPI of the presented source_addr: ISDN/E.164 (SMPP 3.4 section 5.2.6). */
    public static final byte DEFAULT_SOURCE_NPI = SmppAddress.NPI_E164;

    /**
     * deliver_sm handled at once per upstream bind (each waits for the ESME's deliver_sm_resp);
     * one beyond is answered ESME_RTHROTTLED so the SMSC retries later.
     */
    public static final int DEFAULT_MO_WINDOW = 16;

    private final List<UpstreamSmsc> smscs;
    private final int moWindow;
    private final Duration enquireLinkInterval;
    private final Duration responseTimeout;
    private final Duration reconnectInitial;
    private final Duration reconnectMax;
    private final int maxInFlight;
    private final int maxCommandLength;
    private final byte sourceTon;
    private final byte sourceNpi;

    private UpstreamOptions(Builder b) {
        this.smscs = List.copyOf(b.smscs);
        this.enquireLinkInterval = b.enquireLinkInterval;
        this.responseTimeout = b.responseTimeout;
        this.reconnectInitial = b.reconnectInitial;
        this.reconnectMax = b.reconnectMax;
        this.maxInFlight = b.maxInFlight;
        this.maxCommandLength = b.maxCommandLength;
        this.sourceTon = b.sourceTon;
        this.sourceNpi = b.sourceNpi;
        this.moWindow = b.moWindow;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<UpstreamSmsc> smscs() {
        return smscs;
    }

    public Duration enquireLinkInterval() {
        return enquireLinkInterval;
    }

    public Duration responseTimeout() {
        return responseTimeout;
    }

    public Duration reconnectInitial() {
        return reconnectInitial;
    }

    public Duration reconnectMax() {
        return reconnectMax;
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    public int maxCommandLength() {
        return maxCommandLength;
    }

    public int moWindow() {
        return moWindow;
    }

    public byte sourceTon() {
        return sourceTon;
    }

    public byte sourceNpi() {
        return sourceNpi;
    }

    @Override
    public String toString() {
        return "UpstreamOptions[smscs=" + smscs + ", enquireLinkInterval=" + enquireLinkInterval
                + ", responseTimeout=" + responseTimeout + ", reconnect=" + reconnectInitial + ".." + reconnectMax
                + ", maxInFlight=" + maxInFlight + ", maxCommandLength=" + maxCommandLength
                + ", source ton/npi=" + sourceTon + "/" + sourceNpi + ", moWindow=" + moWindow + "]";
    }

    public static final class Builder {
        private List<UpstreamSmsc> smscs = List.of();
        private Duration enquireLinkInterval = DEFAULT_ENQUIRE_LINK_INTERVAL;
        private Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;
        private Duration reconnectInitial = DEFAULT_RECONNECT_INITIAL;
        private Duration reconnectMax = DEFAULT_RECONNECT_MAX;
        private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
        private int maxCommandLength = DEFAULT_MAX_COMMAND_LENGTH;
        private byte sourceTon = DEFAULT_SOURCE_TON;
        private byte sourceNpi = DEFAULT_SOURCE_NPI;
        private int moWindow = DEFAULT_MO_WINDOW;

        private Builder() {}

        /** Default {@value #DEFAULT_MO_WINDOW}; 1..1000. Each slot may hold one worker thread. */
        public Builder moWindow(int moWindow) {
            this.moWindow = Checks.range("moWindow", moWindow, 1, 1000);
            return this;
        }

        /** The SMSCs to bind to; at least one. */
        public Builder smscs(List<UpstreamSmsc> smscs) {
            if (smscs.isEmpty()) {
                throw new IllegalArgumentException("smscs must name at least one upstream SMSC");
            }
            this.smscs = List.copyOf(smscs);
            return this;
        }

        /** Default 30 s; positive. */
        public Builder enquireLinkInterval(Duration interval) {
            this.enquireLinkInterval = Checks.positive("enquireLinkInterval", interval);
            return this;
        }

        /** Default 5 s; positive. Keep it below the server face's submit timeout. */
        public Builder responseTimeout(Duration timeout) {
            this.responseTimeout = Checks.positive("responseTimeout", timeout);
            return this;
        }

        /** Default 500 ms initial, 30 s max; both positive, initial not above max. */
        public Builder reconnectBackoff(Duration initial, Duration max) {
            Checks.positive("reconnectInitial", initial);
            Checks.positive("reconnectMax", max);
            if (initial.compareTo(max) > 0) {
                throw new IllegalArgumentException("reconnectInitial must not exceed reconnectMax");
            }
            this.reconnectInitial = initial;
            this.reconnectMax = max;
            return this;
        }

        /** Default {@value #DEFAULT_MAX_IN_FLIGHT}; 1..10000. */
        public Builder maxInFlight(int maxInFlight) {
            this.maxInFlight = Checks.range("maxInFlight", maxInFlight, 1, 10_000);
            return this;
        }

        /** Default 65 KiB; 256..1 MiB. */
        public Builder maxCommandLength(int maxCommandLength) {
            this.maxCommandLength = Checks.range("maxCommandLength", maxCommandLength, 256, 1 << 20);
            return this;
        }

        /** Default 1/1 (international, E.164); 0..255 each. */
        public Builder sourceTonNpi(int ton, int npi) {
            this.sourceTon = (byte) Checks.range("sourceTon", ton, 0, 255);
            this.sourceNpi = (byte) Checks.range("sourceNpi", npi, 0, 255);
            return this;
        }

        public UpstreamOptions build() {
            if (smscs.isEmpty()) {
                throw new IllegalArgumentException("smscs must name at least one upstream SMSC");
            }
            return new UpstreamOptions(this);
        }
    }
}
