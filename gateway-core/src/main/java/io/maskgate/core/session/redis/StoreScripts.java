package io.maskgate.core.session.redis;

/**
 * The store's Lua scripts. Each touches only keys passed in KEYS that share one hash tag, so both
 * run unchanged on Redis Cluster (a script may only touch keys of one slot).
 */
final class StoreScripts {

    /**
     * Allocation of one candidate number: KEYS = routing A, routing B, session record;
     * ARGV = their sealed values, then the TTL in ms. Writes all three or nothing: returns 0 when
     * either participant already has a session on this proxy number, else 1. Being one script it is
     * atomic against every other client, so two gateway nodes can never hand out a clashing mapping.
     */
    static final LuaScript ALLOCATE = new LuaScript("""
            if redis.call('EXISTS', KEYS[1], KEYS[2]) > 0 then
              return 0
            end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[4])
            redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[4])
            redis.call('SET', KEYS[3], ARGV[3], 'PX', ARGV[4])
            return 1
            """);

    /**
     * Compare-and-set for re-wrap: KEYS = the entry; ARGV = the value read, the re-sealed value.
     * Replaces the value only if it is still the one read, keeping its TTL; returns 1 if replaced.
     * A session deleted or re-created in between is therefore never resurrected or overwritten.
     */
    static final LuaScript COMPARE_AND_SET = new LuaScript("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
              return 1
            end
            return 0
            """);

    private StoreScripts() {
    }
}
