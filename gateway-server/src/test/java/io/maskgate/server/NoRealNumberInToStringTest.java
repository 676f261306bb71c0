package io.maskgate.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskgate.core.number.PhoneNumber;
import io.maskgate.server.admin.ApiRequest;
import io.maskgate.server.config.ConfigException;
import io.maskgate.server.config.ConfigLoader;
import io.maskgate.server.config.PoolsConfig;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every type of this module that can hold a phone number keeps it out of toString and messages. */
class NoRealNumberInToStringTest {

    private static final String NUMBER = "+919812345678";
    private static final String NATIONAL = "9812345678";

    @TempDir
    Path dir;

    @Test
    void apiRequestShowsMethodPathAndSizeOnly() {
        ApiRequest r = new ApiRequest(HttpMethod.POST, "/v1/sessions", Map.of(), new DefaultHttpHeaders(),
                ("{\"number\":\"" + NUMBER + "\"}").getBytes(StandardCharsets.UTF_8));
        assertFalse(r.toString().contains(NATIONAL), r.toString());
        assertTrue(r.toString().contains("/v1/sessions"), r.toString());
    }

    @Test
    void poolsMaskTheirNumbers() {
        PoolsConfig.Pool pool = new PoolsConfig.Pool("p", List.of(PhoneNumber.ofE164(NUMBER)),
                List.of(new PoolsConfig.Range(PhoneNumber.ofE164(NUMBER), PhoneNumber.ofE164("+919812345679"))));
        assertFalse(pool.toString().contains(NATIONAL), pool.toString());
    }

    @Test
    void aBadPoolNumberIsNotEchoedInTheConfigError() {
        String yaml = TestConfs.yaml(dir, "").replace("\"" + TestConfs.TINY_POOL_NUMBER + "\"", "\"0" + NATIONAL + "\"");
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("t", yaml));
        assertTrue(e.getMessage().startsWith("pools.tiny.numbers[0]: "), e.getMessage());
        assertFalse(e.getMessage().contains(NATIONAL), e.getMessage());
    }
}
