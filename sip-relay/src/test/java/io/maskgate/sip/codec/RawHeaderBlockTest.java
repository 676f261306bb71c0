package io.maskgate.sip.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RawHeaderBlockTest {

    private static RawHeaderBlock scan(String text) {
        return RawHeaderBlock.scan(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static List<String> names(RawHeaderBlock head) {
        return head.fields().stream().map(RawHeaderBlock.Field::name).toList();
    }

    @Test
    void namesAreLowerCaseWithCompactFormsExpanded() {
        RawHeaderBlock head = scan("INVITE sip:v@h SIP/2.0\r\nVIA: SIP/2.0/UDP h\r\ni: abc\r\nCall-ID: def\r\n"
                + "X-Carrier-Ref: 7\r\nk: timer\r\nCSeq: 1 INVITE\r\n\r\n");
        assertEquals("INVITE sip:v@h SIP/2.0", head.startLine());
        assertEquals(List.of("via", "call-id", "call-id", "x-carrier-ref", "supported", "cseq"), names(head));
        assertEquals(List.of("abc", "def"), head.values("call-id"));
    }

    @Test
    void whiteSpaceAroundNameColonAndValueIsDropped() {
        RawHeaderBlock head = scan("SIP/2.0 200 OK\r\nTo  :\t<sip:a@h>;tag=1  \r\nFrom:<sip:b@h>\r\n\r\n");
        assertEquals(List.of("<sip:a@h>;tag=1"), head.values("to"));
        assertEquals(List.of("<sip:b@h>"), head.values("from"));
        assertEquals(0, head.malformedLines());
    }

    @Test
    void continuationLinesAreUnfoldedIntoOneValue() {
        RawHeaderBlock head = scan("OPTIONS sip:h SIP/2.0\r\nSubject: I know\r\n   you're there,\r\n\tpick up\r\n"
                + "Max-Forwards: 70\r\n\r\n");
        assertEquals(List.of("I know you're there, pick up"), head.values("subject"));
        assertEquals(List.of("70"), head.values("max-forwards"));
    }

    @Test
    void linesWithoutNameAndColonAreCountedNotKept() {
        RawHeaderBlock head = scan("OPTIONS sip:h SIP/2.0\r\n   leading continuation\r\nno colon here\r\n"
                + "Bad Name: x\r\n: empty name\r\nTo: <sip:a@h>\r\n\r\n");
        assertEquals(4, head.malformedLines());
        assertEquals(List.of("to"), names(head));
    }

    @Test
    void onlyCrLfEndsALine() {
        RawHeaderBlock head = scan("OPTIONS sip:h SIP/2.0\r\nSubject: one\ntwo\r\nTo: <sip:a@h>\r\n\r\n");
        assertEquals(List.of("one\ntwo"), head.values("subject"));
    }

    @Test
    void bytesAboveAsciiSurviveAsLatin1() {
        byte[] wire = "OPTIONS sip:h SIP/2.0\r\nSubject: caf\u00e9 \u00ff\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        RawHeaderBlock head = RawHeaderBlock.scan(wire);
        assertEquals(List.of("caf\u00e9 \u00ff"), head.values("subject"));
    }

    @Test
    void aNameThatOnlyStartsLikeACommonOneIsCopiedAsItIs() {
        RawHeaderBlock head = scan("OPTIONS sip:h SIP/2.0\r\nVib: 1\r\nTO-X: 2\r\nContacts: 3\r\nZ: 4\r\n\r\n");
        assertEquals(List.of("vib", "to-x", "contacts", "z"), names(head));
    }

    @Test
    void callIdIsTheOneCallIdFieldInEitherFormAndNoneWhenThereAreTwo() {
        assertEquals(java.util.Optional.of("abc@h"),
                scan("OPTIONS sip:h SIP/2.0\r\ni:  abc@h \r\n\r\n").callId());
        assertEquals(java.util.Optional.of("abc@h"),
                scan("SIP/2.0 200 OK\r\nCall-ID: abc@h\r\n\r\n").callId());
        assertEquals(java.util.Optional.empty(),
                scan("OPTIONS sip:h SIP/2.0\r\ni: abc\r\nCall-ID: def\r\n\r\n").callId());
        assertEquals(java.util.Optional.empty(), scan("OPTIONS sip:h SIP/2.0\r\nTo: <sip:h>\r\n\r\n").callId());
    }
}
