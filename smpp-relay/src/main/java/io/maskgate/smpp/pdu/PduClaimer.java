package io.maskgate.smpp.pdu;

/**
 * Takes a framed, body-checked PDU off jsmpp's path on the connection's reader thread, before
 * jsmpp hands it to a worker. What it claims jsmpp never sees.
 */
@FunctionalInterface
public interface PduClaimer {
    /** Claims nothing: every PDU goes to jsmpp. */
    PduClaimer NONE = (commandId, pdu) -> false;

    /**
     * @param pdu the whole PDU, header included; not kept by the reader
     * @return true when handled here; must not block (it holds up the connection's reads)
     */
    boolean claim(int commandId, byte[] pdu);
}
