package io.maskgate.server.config;

import static io.maskgate.server.config.GatewayConfigDef.NUMBERS_DEFAULT_COUNTRY_CODE;

import java.util.Objects;

/** How numbers written without a country code are read. */
public record NumbersConfig(String defaultCountryCode) {
    public NumbersConfig {
        Objects.requireNonNull(defaultCountryCode, "defaultCountryCode");
    }

    static NumbersConfig from(ConfigValues v) {
        return new NumbersConfig(Integer.toString(v.integer(NUMBERS_DEFAULT_COUNTRY_CODE)));
    }
}
