package io.maskgate.sip.codec;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * One Via value (RFC 3261 section 20.42), as the codec parsed it.
 *
 * @param transport the transport token, upper case (UDP, TCP, TLS, SCTP or an extension)
 * @param host the sent-by host: a name or an IP literal, exactly as the sender wrote it
 * @param port the sent-by port, when given
 * @param branch the branch parameter, when given (RFC 2543 peers may omit it)
 */
public record SipVia(String transport, String host, OptionalInt port, Optional<String> branch) {
}
