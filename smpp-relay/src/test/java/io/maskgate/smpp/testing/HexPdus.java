package io.maskgate.smpp.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Collectors;

/** Loads hex PDU fixtures from {@code src/test/resources/pdu}: '#' lines are comments, whitespace is ignored. */
public final class HexPdus {
    private HexPdus() {}

    public static byte[] load(String name) {
        try (InputStream in = HexPdus.class.getResourceAsStream("/pdu/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture pdu/" + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            String hex = text.lines()
                    .filter(line -> !line.startsWith("#"))
                    .collect(Collectors.joining())
                    .replaceAll("\\s", "");
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
