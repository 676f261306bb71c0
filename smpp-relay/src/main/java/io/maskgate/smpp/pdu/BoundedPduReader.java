package io.maskgate.smpp.pdu;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.Objects;
import org.jsmpp.SMPPConstant;
import org.jsmpp.PDUReader;
import org.jsmpp.bean.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The framing layer in front of jsmpp: reads one whole PDU, checks its command_length against a
 * cap <em>before</em> allocating, checks that jsmpp can parse its body, and only then hands it to
 * jsmpp. jsmpp's own {@code DefaultPDUReader} allocates {@code byte[command_length]} after only a
 * lower-bound check, so a peer claiming 2 GB would cost us 2 GB.
 *
 * <ul>
 *   <li>command_length below 16 or above the cap: generic_nack ESME_RINVCMDLEN with the PDU's
 *       sequence number, then a {@link PduLimitException} so that jsmpp closes the connection
 *       (unrecoverable: we will not read or skip the claimed body).</li>
 *   <li>a body jsmpp cannot parse: generic_nack ESME_RINVCMDLEN, the PDU is dropped and the
 *       next one is read; the bind survives (recoverable).</li>
 * </ul>
 *
 * <p>One instance per connection; jsmpp calls {@link #readPDUHeader} and then {@link #readPDU}
 * from its single reader thread, so the PDU framed by the first call is parked in a field for the
 * second. A socket read timeout (jsmpp's enquire_link timer) escapes only between PDUs; one that
 * strikes inside a PDU is absorbed so that the stream never loses step.
 */
public final class BoundedPduReader implements PDUReader {
    /** SMPP 3.4 section 3.2: the header is four 4-octet fields. */
    public static final int HEADER_LENGTH = 16;

    private static final Logger log = LoggerFactory.getLogger(BoundedPduReader.class);

    private final int maxCommandLength;
    private final GenericNackSender nack;
    private final PduListener listener;
    private final PduClaimer claimer;
    private final BodyCheck bodyCheck = new BodyCheck();
    private byte[] framed;

    /**
     * @param maxCommandLength largest command_length accepted, at least {@value #HEADER_LENGTH}
     * @param nack writes a generic_nack on this connection
     * @param listener told about every PDU and every rejection
     */
    public BoundedPduReader(int maxCommandLength, GenericNackSender nack, PduListener listener) {
        this(maxCommandLength, nack, listener, PduClaimer.NONE);
    }

    /** As above; PDUs {@code claimer} claims are answered on the reader thread and not given to jsmpp. */
    public BoundedPduReader(int maxCommandLength, GenericNackSender nack, PduListener listener, PduClaimer claimer) {
        if (maxCommandLength < HEADER_LENGTH) {
            throw new IllegalArgumentException("maxCommandLength must be >= " + HEADER_LENGTH);
        }
        this.maxCommandLength = maxCommandLength;
        this.nack = Objects.requireNonNull(nack, "nack");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.claimer = Objects.requireNonNull(claimer, "claimer");
    }

    @Override
    public Command readPDUHeader(DataInputStream in) throws IOException {
        while (true) {
            byte[] pdu = frame(in);
            int commandId = intAt(pdu, 4);
            if (bodyCheck.parses(commandId, pdu)) {
                listener.onPdu(commandId, intAt(pdu, 8));
                if (claimer.claim(commandId, pdu)) {
                    continue;
                }
                framed = pdu;
                return header(pdu);
            }
            reject(PduRejection.MALFORMED_BODY, commandId, intAt(pdu, 12));
        }
    }

    @Override
    public byte[] readPDU(DataInputStream in, Command pduHeader) {
        return takeFramed();
    }

    @Override
    public byte[] readPDU(DataInputStream in, int commandLength, int commandId, int commandStatus, int sequenceNumber) {
        return takeFramed();
    }

    private byte[] takeFramed() {
        byte[] pdu = framed;
        if (pdu == null) {
            throw new IllegalStateException("readPDU without a preceding readPDUHeader");
        }
        framed = null;
        return pdu;
    }

    /** Reads one PDU whose command_length is within bounds; rejects it (and throws) otherwise. */
    private byte[] frame(InputStream in) throws IOException {
        byte[] header = new byte[HEADER_LENGTH];
        readPduStart(in, header);
        readInsidePdu(in, header, 4, HEADER_LENGTH - 4);
        int commandLength = intAt(header, 0);
        if (commandLength < HEADER_LENGTH || commandLength > maxCommandLength) {
            PduRejection why = commandLength < HEADER_LENGTH && commandLength >= 0
                    ? PduRejection.TOO_SHORT : PduRejection.TOO_LONG;
            reject(why, intAt(header, 4), intAt(header, 12));
            throw PduLimitException.create(why, commandLength, maxCommandLength);
        }
        byte[] pdu = new byte[commandLength];
        System.arraycopy(header, 0, pdu, 0, HEADER_LENGTH);
        readInsidePdu(in, pdu, HEADER_LENGTH, commandLength - HEADER_LENGTH);
        return pdu;
    }

    private void reject(PduRejection why, int commandId, int sequenceNumber) throws IOException {
        log.warn("Refused PDU command_id=0x{} seq={}: {}", Integer.toHexString(commandId), sequenceNumber, why);
        listener.onRejected(why, commandId);
        nack.send(SMPPConstant.STAT_ESME_RINVCMDLEN, sequenceNumber);
    }

    /** The first 4 octets: a read timeout here is idleness between PDUs, so it may escape to jsmpp. */
    private static void readPduStart(InputStream in, byte[] into) throws IOException {
        int n = in.read(into, 0, 4);
        if (n < 0) {
            throw new EOFException("connection closed by peer");
        }
        readInsidePdu(in, into, n, 4 - n);
    }

    private static void readInsidePdu(InputStream in, byte[] into, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n;
            try {
                n = in.read(into, offset + done, length - done);
            } catch (SocketTimeoutException e) {
                // Mid-PDU: keep waiting so the stream stays in step; the idle timeout bounds this.
                continue;
            }
            if (n < 0) {
                throw new EOFException("connection closed inside a PDU");
            }
            done += n;
        }
    }

    private static Command header(byte[] pdu) {
        Command command = new Command();
        command.setCommandLength(intAt(pdu, 0));
        command.setCommandId(intAt(pdu, 4));
        command.setCommandStatus(intAt(pdu, 8));
        command.setSequenceNumber(intAt(pdu, 12));
        return command;
    }

    static int intAt(byte[] b, int offset) {
        return ((b[offset] & 0xff) << 24) | ((b[offset + 1] & 0xff) << 16)
                | ((b[offset + 2] & 0xff) << 8) | (b[offset + 3] & 0xff);
    }
}
