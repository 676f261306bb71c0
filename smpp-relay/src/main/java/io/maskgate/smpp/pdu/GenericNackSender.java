package io.maskgate.smpp.pdu;

import java.io.IOException;

/** Writes a generic_nack (SMPP 3.4 section 4.3) on the connection the reader belongs to. */
@FunctionalInterface
public interface GenericNackSender {
    void send(int commandStatus, int sequenceNumber) throws IOException;
}
