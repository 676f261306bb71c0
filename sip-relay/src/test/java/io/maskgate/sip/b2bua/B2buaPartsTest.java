package io.maskgate.sip.b2bua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.sip.policy.Leg;
import io.maskgate.sip.transaction.Destination;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Unit tests of the B2BUA's small parts: URIs, the ACL, the dialog table bound, options, toString. */
class B2buaPartsTest {

    @Test
    void userPartOfEveryUriShapeCarriersSend() {
        assertEquals(Optional.of("+919812345678"), SipUris.userPart("\"X\" <sip:+919812345678@c.test;user=phone>;tag=1"));
        assertEquals(Optional.of("+91-98123-45678"), SipUris.userPart("<tel:+91-98123-45678;npdi;rn=1>"));
        assertEquals(Optional.of("+919812345678"), SipUris.userPart("sip:%2B919812345678;npdi@c.test"));
        assertEquals(Optional.of("09812345678"), SipUris.userPart("sips:09812345678:pw@c.test:5061"));
        assertEquals(Optional.empty(), SipUris.userPart("<sip:c.test>"));
        assertEquals(Optional.empty(), SipUris.userPart("<http://c.test/919812345678>"));
        assertEquals("<sip:a@b>;x=1", SipUris.withoutTag("<sip:a@b>;tag=abc;x=1"));
    }

    @Test
    void hostPortOnlyForIpLiterals() throws Exception {
        assertEquals(Optional.of(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 5070)),
                SipUris.ipHostPort("sip:u@127.0.0.1:5070;transport=udp"));
        assertEquals(Optional.of(new InetSocketAddress(InetAddress.getByName("::1"), 5060)),
                SipUris.ipHostPort("sip:[::1];lr"));
        assertEquals(Optional.empty(), SipUris.ipHostPort("sip:u@carrier.example:5060"));
    }

    @Test
    void aHostThatIsNoStrictIpLiteralIsNeverHandedToTheResolver() throws Exception {
        // InetAddress.getByName would look each of these up in DNS, on the event loop
        for (String uri : List.of("sip:u@999.1.1.1", "sip:u@1.2.3", "sip:u@1.2.3.4.5", "sip:[dead.beef]",
                "sip:[1.2.3.999]:5060", "sip:u@0x7f.0.0.1", "sip:[1:2:3:4:5:6:7:8:9]")) {
            assertEquals(Optional.empty(), SipUris.ipHostPort(uri), uri);
        }
        assertEquals(Optional.of(new InetSocketAddress(InetAddress.getByName("10.0.0.255"), 5061)),
                SipUris.ipHostPort("sips:u@10.0.0.255"));
        assertEquals(Optional.of(new InetSocketAddress(InetAddress.getByName("2001:db8::7"), 5080)),
                SipUris.ipHostPort("<sip:u@[2001:db8::7]:5080;lr>"));
        assertEquals(Optional.empty(), SipUris.ipHostPort("sip:u@10.0.0.1:70000"));
    }

    @Test
    void dialogTableIsBoundedAndForgets() {
        DialogTable table = new DialogTable(1);
        assertTrue(table.reserve());
        assertFalse(table.reserve(), "above the bound");
        table.release();
        assertTrue(table.reserve());
        assertEquals(1, table.size());
    }

    @Test
    void optionsRefuseNonsense() {
        assertThrows(IllegalArgumentException.class, () -> B2buaOptions.builder().maxCalls(0));
        assertThrows(IllegalArgumentException.class, () -> B2buaOptions.builder().ringTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> B2buaOptions.builder().failoverTimeout(Duration.ofMillis(10)));
        B2buaOptions o = B2buaOptions.builder().maxCalls(7).build();
        assertEquals(7, o.mutate().build().maxCalls());
    }

    @Test
    void dialogToStringHoldsNoNumber() {
        Dialog d = new Dialog(Leg.OUTBOUND, "cid", "tag", "<sip:+918800001111@gw>", "<sip:+917766554433@t>",
                "sip:+917766554433@t", Destination.udp(new InetSocketAddress("127.0.0.1", 5080)),
                new InetSocketAddress("127.0.0.1", 5060), 1);
        assertFalse(d.toString().matches(".*\\d{6,}.*"), d.toString());
        assertEquals(Optional.of(new InetSocketAddress("127.0.0.1", 5080)).map(a -> a.getPort()),
                Optional.of(d.destination().address().getPort()));
    }
}
