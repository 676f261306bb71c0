package io.maskgate.sip.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrTest {

    @ParameterizedTest(name = "{0} holds {1}: {2}")
    @CsvSource({
        "10.1.0.0/16, 10.1.200.3, true",
        "10.1.0.0/16, 10.2.0.1, false",
        "10.1.0.0/16, ::ffff:10.1.0.9, true",
        "10.1.0.0/16, ::ffff:10.2.0.9, false",
        "10.1.0.0/16, 2001:db8::1, false",
        "10.16.0.0/12, 10.31.255.255, true",
        "10.16.0.0/12, 10.32.0.0, false",
        "10.16.0.0/12, 10.15.255.255, false",
        "192.0.2.128/25, 192.0.2.200, true",
        "192.0.2.128/25, 192.0.2.127, false",
        "0.0.0.0/0, 203.0.113.9, true",
        "0.0.0.0/0, ::1, false",
        "192.0.2.7, 192.0.2.7, true",
        "192.0.2.7, 192.0.2.6, false",
        "2001:db8::/32, 2001:db8:1::5, true",
        "2001:db8::/29, 2001:dbf::1, true",
        "2001:db8::/29, 2001:dc0::1, false",
        "::1, 127.0.0.1, false",
    })
    void anAddressIsInItsBlockOnly(String block, String address, boolean inside) throws Exception {
        Cidr cidr = Cidr.parse(block);
        InetAddress a = InetAddress.getByName(address);
        assertEquals(inside, cidr.contains(a));
        byte[] bytes = a.getAddress();
        byte[] before = bytes.clone();
        assertEquals(inside, cidr.contains(bytes));
        assertEquals(Arrays.toString(before), Arrays.toString(bytes), "the bytes were changed");
    }

    /** Java hands IPv4-mapped literals over as IPv4 addresses; the 16 bytes of one still match as the IPv4 address. */
    @Test
    void theSixteenBytesOfAnIpv4MappedAddressMatchAsIpv4() {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 1, 0, 9};
        assertTrue(Cidr.parse("10.1.0.0/16").contains(mapped));
        assertFalse(Cidr.parse("10.2.0.0/16").contains(mapped));
        mapped[10] = 0;
        assertFalse(Cidr.parse("10.1.0.0/16").contains(mapped), "not mapped: an IPv6 address");
    }

    @Test
    void aListHoldsAnAddressWhenAnyOfItsBlocksDoes() throws Exception {
        List<Cidr> acl = List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("2001:db8::/32"));
        assertTrue(Cidr.anyContains(acl, InetAddress.getByName("2001:db8::9").getAddress()));
        assertTrue(Cidr.anyContains(acl, InetAddress.getByName("10.9.9.9").getAddress()));
        assertFalse(Cidr.anyContains(acl, InetAddress.getByName("192.0.2.1").getAddress()));
        assertFalse(Cidr.anyContains(List.of(), InetAddress.getByName("10.9.9.9").getAddress()), "an empty ACL");
    }

    @Test
    void aBlockIsParsedFromIpLiteralsOnly() {
        assertEquals("10.1.0.0/16", Cidr.parse("10.1.2.3/16").toString());
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("carrier.example/24"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
    }

    @Test
    void aBlockCoversTheBlocksInsideIt() {
        Cidr acl = Cidr.parse("10.0.0.0/8");
        assertTrue(acl.covers(Cidr.parse("10.1.0.0/16")));
        assertTrue(acl.covers(Cidr.parse("10.1.2.3")));
        assertTrue(acl.covers(acl));
        assertFalse(acl.covers(Cidr.parse("0.0.0.0/0")), "a wider block is not inside");
        assertFalse(acl.covers(Cidr.parse("11.0.0.0/16")));
        assertFalse(Cidr.parse("::/0").covers(Cidr.parse("10.0.0.0/8")), "the families do not mix");
    }
}
