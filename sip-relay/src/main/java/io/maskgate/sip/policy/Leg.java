package io.maskgate.sip.policy;

/**
 * The two legs of a relayed call: {@link #INBOUND} faces the caller's carrier (the INVITE came in
 * on it), {@link #OUTBOUND} faces the trunk towards the callee.
 */
public enum Leg {
    INBOUND("inbound"),
    OUTBOUND("outbound");

    private final String label;

    Leg(String label) {
        this.label = label;
    }

    /** The metric tag value. */
    public String label() {
        return label;
    }

    public Leg other() {
        return this == INBOUND ? OUTBOUND : INBOUND;
    }
}
