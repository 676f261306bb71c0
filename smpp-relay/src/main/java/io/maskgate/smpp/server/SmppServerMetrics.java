package io.maskgate.smpp.server;

import io.maskgate.smpp.pdu.PduRejection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Meter names and tags of the server face. Names are constants so dashboards and alert rules can
 * rely on them; Prometheus exports counters with a {@code _total} suffix.
 */
public final class SmppServerMetrics {
    /** Counter of refused binds, tag {@code reason} = a {@link BindVerdict} tag. */
    public static final String BIND_FAILURES = "maskgate_smpp_bind_failures";
    /** Counter of PDUs refused by the framing layer, tag {@code reason} = a {@link PduRejection} tag. */
    public static final String PDU_REJECTED = "maskgate_smpp_pdu_rejected";
    /** Gauge of live ESME binds. */
    public static final String BINDS = "maskgate_smpp_binds";

    private final Map<BindVerdict, Counter> bindFailures = new EnumMap<>(BindVerdict.class);
    private final Map<PduRejection, Counter> pduRejected = new EnumMap<>(PduRejection.class);

    public SmppServerMetrics(MeterRegistry registry, Supplier<Number> liveBinds) {
        for (BindVerdict verdict : BindVerdict.values()) {
            if (verdict != BindVerdict.ACCEPTED) {
                bindFailures.put(verdict, Counter.builder(BIND_FAILURES)
                        .description("Refused SMPP binds by reason")
                        .tag("reason", verdict.tag())
                        .register(registry));
            }
        }
        for (PduRejection rejection : PduRejection.values()) {
            pduRejected.put(rejection, Counter.builder(PDU_REJECTED)
                    .description("PDUs refused before parsing, by reason")
                    .tag("reason", rejection.tag())
                    .register(registry));
        }
        Gauge.builder(BINDS, liveBinds).description("Live ESME binds").register(registry);
    }

    void bindRefused(BindVerdict verdict) {
        Counter counter = bindFailures.get(verdict);
        if (counter != null) {
            counter.increment();
        }
    }

    void pduRejected(PduRejection rejection) {
        pduRejected.get(rejection).increment();
    }
}
