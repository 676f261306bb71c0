package io.maskgate.smpp.pdu;

import java.util.Map;

/**
 * The SMPP 3.4 command_status values this relay sends (SMPP 3.4 section 5.1.3), with names for
 * logs and metric labels. Values are the wire values, so they compare directly with
 * {@code org.jsmpp.SMPPConstant.STAT_*}.
 */
public final class CommandStatus {
    public static final int ESME_ROK = 0x00000000;
    public static final int ESME_RINVMSGLEN = 0x00000001;
    public static final int ESME_RINVCMDLEN = 0x00000002;
    public static final int ESME_RINVCMDID = 0x00000003;
    public static final int ESME_RINVBNDSTS = 0x00000004;
    public static final int ESME_RALYBND = 0x00000005;
    public static final int ESME_RSYSERR = 0x00000008;
    public static final int ESME_RINVSRCADR = 0x0000000A;
    public static final int ESME_RINVDSTADR = 0x0000000B;
    public static final int ESME_RBINDFAIL = 0x0000000D;
    public static final int ESME_RINVPASWD = 0x0000000E;
    public static final int ESME_RINVSYSID = 0x0000000F;
    public static final int ESME_RMSGQFUL = 0x00000014;
    public static final int ESME_RSUBMITFAIL = 0x00000045;
    public static final int ESME_RTHROTTLED = 0x00000058;
    public static final int ESME_RX_T_APPN = 0x00000064;
    /** Permanent application error: the SMSC should not retry (SMPP 3.4 section 5.1.3). */
    public static final int ESME_RX_P_APPN = 0x00000065;
    /** Expected optional parameter missing (SMPP 3.4 section 5.1.3): a required DLT TLV is absent. */
    public static final int ESME_RMISSINGOPTPARAM = 0x000000C3;
    /** Invalid optional parameter value (SMPP 3.4 section 5.1.3): a DLT TLV is empty or too long. */
    public static final int ESME_RINVOPTPARAMVAL = 0x000000C4;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(ESME_ROK, "ESME_ROK"),
            Map.entry(ESME_RINVMSGLEN, "ESME_RINVMSGLEN"),
            Map.entry(ESME_RINVCMDLEN, "ESME_RINVCMDLEN"),
            Map.entry(ESME_RINVCMDID, "ESME_RINVCMDID"),
            Map.entry(ESME_RINVBNDSTS, "ESME_RINVBNDSTS"),
            Map.entry(ESME_RALYBND, "ESME_RALYBND"),
            Map.entry(ESME_RSYSERR, "ESME_RSYSERR"),
            Map.entry(ESME_RINVSRCADR, "ESME_RINVSRCADR"),
            Map.entry(ESME_RINVDSTADR, "ESME_RINVDSTADR"),
            Map.entry(ESME_RBINDFAIL, "ESME_RBINDFAIL"),
            Map.entry(ESME_RINVPASWD, "ESME_RINVPASWD"),
            Map.entry(ESME_RINVSYSID, "ESME_RINVSYSID"),
            Map.entry(ESME_RMSGQFUL, "ESME_RMSGQFUL"),
            Map.entry(ESME_RSUBMITFAIL, "ESME_RSUBMITFAIL"),
            Map.entry(ESME_RTHROTTLED, "ESME_RTHROTTLED"),
            Map.entry(ESME_RX_T_APPN, "ESME_RX_T_APPN"),
            Map.entry(ESME_RX_P_APPN, "ESME_RX_P_APPN"),
            Map.entry(ESME_RMISSINGOPTPARAM, "ESME_RMISSINGOPTPARAM"),
            Map.entry(ESME_RINVOPTPARAMVAL, "ESME_RINVOPTPARAMVAL"));


    private CommandStatus() {}

    /**
     * Metric label for a status: its SMPP 3.4 name ({@code ESME_RINVDSTADR}) for a value this class
     * names, else {@code other}, so a peer cannot grow the label set by sending arbitrary statuses.
     * Names rather than hex codes: a label value is never a number.
     */
    public static String label(int status) {
        return NAMES.getOrDefault(status, "other");
    }

    /** Every status this class names (the bounded label set of {@link #label}). */
    public static java.util.Set<Integer> known() {
        return NAMES.keySet();
    }

    /** {@code ESME_RINVDSTADR} for a known value, else {@code 0x%08X}. */
    public static String name(int status) {
        String name = NAMES.get(status);
        return name != null ? name : String.format("0x%08X", status);
    }
}
