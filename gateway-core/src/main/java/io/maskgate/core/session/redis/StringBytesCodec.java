package io.maskgate.core.session.redis;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.codec.ToByteBufEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.ByteBuffer;

/**
 * The shared connection's codec: UTF-8 string keys, raw byte values, as
 * {@code RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE)} (same bytes on the wire, same
 * decoded values) but also a {@link ToByteBufEncoder} with exact sizes.
 *
 * <p>lettuce writes an argument straight into the outgoing buffer only when the codec is a
 * {@code ToByteBufEncoder}; the composed codec is not, so every key and value went through a
 * freshly allocated {@link ByteBuffer} and a copy. Profiles of the SMPP relay (five keys a
 * message) showed that on the Redis event loop.
 */
public final class StringBytesCodec implements RedisCodec<String, byte[]>, ToByteBufEncoder<String, byte[]> {
    /** The one instance; it holds no state. */
    public static final StringBytesCodec INSTANCE = new StringBytesCodec();

    private StringBytesCodec() {}

    @Override
    public String decodeKey(ByteBuffer bytes) {
        return StringCodec.UTF8.decodeKey(bytes);
    }

    @Override
    public byte[] decodeValue(ByteBuffer bytes) {
        return ByteArrayCodec.INSTANCE.decodeValue(bytes);
    }

    @Override
    public ByteBuffer encodeKey(String key) {
        return StringCodec.UTF8.encodeKey(key);
    }

    @Override
    public ByteBuffer encodeValue(byte[] value) {
        return ByteArrayCodec.INSTANCE.encodeValue(value);
    }

    @Override
    public void encodeKey(String key, ByteBuf target) {
        if (key != null) {
            ByteBufUtil.writeUtf8(target, key);
        }
    }

    @Override
    public void encodeValue(byte[] value, ByteBuf target) {
        if (value != null) {
            target.writeBytes(value);
        }
    }

    /** Exact: the UTF-8 length of a key, the length of a value, 0 for null. */
    @Override
    public int estimateSize(Object keyOrValue) {
        if (keyOrValue instanceof String key) {
            return ByteBufUtil.utf8Bytes(key);
        }
        if (keyOrValue instanceof byte[] value) {
            return value.length;
        }
        return 0;
    }

    @Override
    public boolean isEstimateExact() {
        return true;
    }
}
