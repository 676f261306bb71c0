package io.maskgate.smpp.relay;

import java.util.Objects;
import java.util.Set;

/**
 * India's DLT (TRAI TCCCPR 2018) identifiers on submit_sm: the principal entity id (PE_ID) and the
 * content template id, carried as vendor TLVs whose tag numbers differ between aggregators.
 * They pass upstream unchanged; for the system_ids in {@link #requiredFor()} a submit_sm without
 * both is refused before routing (nothing is sent), instead of being dropped silently later by
 * the network's template scrubbing.
 *
 * @param peIdTag TLV tag of the PE_ID; default {@value #DEFAULT_PE_ID_TAG} (0x1400)
 * @param templateIdTag TLV tag of the template id; default {@value #DEFAULT_TEMPLATE_ID_TAG} (0x1401)
 * @param requiredFor system_ids that must send both; default none
 */
public record DltOptions(short peIdTag, short templateIdTag, Set<String> requiredFor) {
    /** 0x1400: the PE_ID tag in the TSPs' "DLT - Specification for SMPP Interface" most aggregators follow. */
    public static final short DEFAULT_PE_ID_TAG = 0x1400;
    /** 0x1401: the template id tag in the same specification. */
    public static final short DEFAULT_TEMPLATE_ID_TAG = 0x1401;
    /** Longest value accepted: DLT ids are 19 digits; room for a NUL and vendor variants. */
    public static final int MAX_VALUE_LENGTH = 64;
    public static final DltOptions DEFAULT = new DltOptions(DEFAULT_PE_ID_TAG, DEFAULT_TEMPLATE_ID_TAG, Set.of());

    public DltOptions {
        Objects.requireNonNull(requiredFor, "requiredFor");
        requiredFor = Set.copyOf(requiredFor);
        if (peIdTag == templateIdTag) {
            throw new IllegalArgumentException("peIdTag and templateIdTag must differ");
        }
    }
}
