package io.maskgate.smpp.receipt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReceiptTextTest {
    private static final String APPENDIX_B = "id:1234567890 sub:001 dlvrd:001 submit date:2501011200"
            + " done date:2501011201 stat:DELIVRD err:000 Text:hello id:9";

    @Test
    void readsAndRewritesOnlyTheIdField() {
        byte[] text = APPENDIX_B.getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("1234567890", ReceiptText.id(text).orElseThrow());
        String out = new String(ReceiptText.withId(text, "00ff00ff00ff00ff"), StandardCharsets.ISO_8859_1);
        assertEquals(APPENDIX_B.replaceFirst("1234567890", "00ff00ff00ff00ff"), out);
    }

    @Test
    void upperCaseAndMissingId() {
        assertEquals("ab", ReceiptText.id("ID:ab stat:DELIVRD".getBytes(StandardCharsets.ISO_8859_1)).orElseThrow());
        byte[] none = "stat:DELIVRD sid:5".getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(ReceiptText.id(none).isEmpty());
        assertArrayEquals(none, ReceiptText.withId(none, "x"));
    }
}
