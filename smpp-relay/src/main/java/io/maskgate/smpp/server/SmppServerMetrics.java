package io.maskgate.smpp.server;

import io.maskgate.smpp.pdu.PduRejection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jsmpp.bean.BindType;

/**
 * Meter names and tags of the server face. Names are constants so dashboards and alert rules can
 * rely on them; Prometheus exports counters with a {@code _total} suffix.
 */
public final class SmppServerMetrics {
    /** Counter of refused binds, tag {@code reason} = a {@link BindVerdict} tag. */
    public static final String BIND_FAILURES = "maskgate_smpp_bind_failures_total";
    /** Counter of PDUs refused by the framing layer, tag {@code reason} = a {@link PduRejection} tag. */
    public static final String PDU_REJECTED = "maskgate_smpp_pdu_rejected_total";
    /**
     * Gauge of live ESME binds per conf account {@link #TAG_SYSTEM_ID} and {@link #TAG_STATE}
     * ({@code bound_tx|bound_rx|bound_trx}, the SMPP 3.4 section 2.2 session states).
     */
    public static final String BINDS = "maskgate_smpp_binds";
    public static final String TAG_SYSTEM_ID = "system_id";
    public static final String TAG_STATE = "state";

    private final Map<BindVerdict, Counter> bindFailures = new EnumMap<>(BindVerdict.class);
    private final Map<PduRejection, Counter> pduRejected = new EnumMap<>(PduRejection.class);

    /** {@code binds} answers the live binds of one conf account; {@code systemIds} are the accounts of conf. */
    public SmppServerMetrics(MeterRegistry registry, Function<String, List<EsmeBind>> binds, List<String> systemIds) {
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
        for (String systemId : systemIds) {
            for (BindType type : List.of(BindType.BIND_TX, BindType.BIND_RX, BindType.BIND_TRX)) {
                Gauge.builder(BINDS, () -> binds.apply(systemId).stream().filter(b -> b.bindType() == type).count())
                        .description("Live ESME binds by account and session state")
                        .tag(TAG_SYSTEM_ID, systemId).tag(TAG_STATE, state(type))
                        .strongReference(true).register(registry);
            }
        }
    }

    private static String state(BindType type) {
        return switch (type) {
            case BIND_TX -> "bound_tx";
            case BIND_RX -> "bound_rx";
            case BIND_TRX -> "bound_trx";
        };
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
