package io.maskgate.server.config;

import static io.maskgate.server.config.GatewayConfigDef.EVENTS_MAX_IN_FLIGHT;
import static io.maskgate.server.config.GatewayConfigDef.EVENTS_MAX_LEN;
import static io.maskgate.server.config.GatewayConfigDef.EVENTS_STREAM;
import static io.maskgate.server.config.GatewayConfigDef.EVENTS_TYPE;
import static io.maskgate.server.config.GatewayConfigDef.STORE_TYPE;

import java.util.Objects;

/** Where interaction events go: nowhere, or a Redis stream on the session store's Redis. */
public record EventsConfig(Type type, String stream, int maxLength, int maxInFlight) {

    public enum Type { NONE, REDIS_STREAM }

    public EventsConfig {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(stream, "stream");
    }

    static EventsConfig from(ConfigValues v, StoreConfig store) {
        Type type = v.string(EVENTS_TYPE).equals("redis-stream") ? Type.REDIS_STREAM : Type.NONE;
        if (type == Type.REDIS_STREAM && store.type() != StoreConfig.Type.REDIS) {
            throw new ConfigException(EVENTS_TYPE, "redis-stream needs " + STORE_TYPE + ": redis");
        }
        return new EventsConfig(type, v.string(EVENTS_STREAM), v.integer(EVENTS_MAX_LEN), v.integer(EVENTS_MAX_IN_FLIGHT));
    }
}
