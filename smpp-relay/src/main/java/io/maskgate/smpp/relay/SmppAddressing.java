package io.maskgate.smpp.relay;

import io.maskgate.core.number.PhoneNumber;
import io.maskgate.smpp.message.SmppAddress;

/**
 * How the relay spells the proxy number it presents (source_addr upstream for MT, source_addr to
 * the ESME for MO): TON/NPI from conf, digits of the E.164 number without the {@code +}.
 *
 * @param ton SMPP 3.4 section 5.2.5, normally 1 (international)
 * @param npi SMPP 3.4 section 5.2.6, normally 1 (E.164)
 */
public record SmppAddressing(byte ton, byte npi) {
    public static final SmppAddressing INTERNATIONAL =
            new SmppAddressing(SmppAddress.TON_INTERNATIONAL, SmppAddress.NPI_E164);

    public SmppAddress presented(PhoneNumber proxy) {
        return new SmppAddress(ton, npi, proxy.digits());
    }
}
