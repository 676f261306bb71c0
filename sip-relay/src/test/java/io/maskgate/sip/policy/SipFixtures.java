package io.maskgate.sip.policy;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.maskgate.sip.codec.SipDecodeResult;
import io.maskgate.sip.codec.SipMessage;
import io.maskgate.sip.codec.SipParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/** Loads wire fixtures from {@code src/test/resources/sip/}: LF line ends become CRLF, then the codec parses. */
public final class SipFixtures {

    private SipFixtures() {
    }

    public static SipMessage load(String name) {
        String text;
        try (InputStream in = Objects.requireNonNull(SipFixtures.class.getResourceAsStream("/sip/" + name), name)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] bytes = text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        int end = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII)) + 4;
        SipDecodeResult r = new SipParser().parse(Arrays.copyOfRange(bytes, 0, end),
                Arrays.copyOfRange(bytes, end, bytes.length), new InetSocketAddress("127.0.0.1", 5070));
        return assertInstanceOf(SipDecodeResult.Decoded.class, r, () -> name + ": " + r).message();
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("no end of headers");
    }
}
