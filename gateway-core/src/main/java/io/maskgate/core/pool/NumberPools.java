package io.maskgate.core.pool;

import io.maskgate.core.session.UnknownPoolException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** All pools from conf, by name. Each map key equals its pool's name. */
public record NumberPools(Map<String, NumberPool> byName) {

    public NumberPools {
        byName = Map.copyOf(byName);
        byName.forEach((name, pool) -> {
            if (!name.equals(pool.name())) {
                throw new IllegalArgumentException("pool '" + pool.name() + "' is filed under '" + name + "'");
            }
        });
    }

    public static NumberPools of(NumberPool... pools) {
        return new NumberPools(Arrays.stream(pools)
                .collect(Collectors.toMap(NumberPool::name, Function.identity())));
    }

    /** @throws UnknownPoolException when conf has no pool of that name */
    public NumberPool require(String name) {
        Objects.requireNonNull(name, "name");
        NumberPool pool = byName.get(name);
        if (pool == null) {
            throw new UnknownPoolException(name);
        }
        return pool;
    }
}
