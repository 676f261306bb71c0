package io.maskgate.sip.codec;

/**
 * A search over the wire form of a message, run on the bytes a {@link SipMessage} holds without
 * copying them (see {@link SipMessage#wireContains}); the implementation must only read them.
 */
@FunctionalInterface
public interface WireScanner {

    /** True when what is searched for occurs in {@code bytes[from, to)}. */
    boolean foundIn(byte[] bytes, int from, int to);
}
