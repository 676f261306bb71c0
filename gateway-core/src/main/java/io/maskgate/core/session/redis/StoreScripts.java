package io.maskgate.core.session.redis;

/**
 * The store's Lua scripts. Each touches only keys passed in KEYS that share one hash tag, so both
 * run unchanged on Redis Cluster (a script may only touch keys of one slot).
 */
final class StoreScripts {

    /**
     * Allocation of one candidate number: KEYS = routing A, routing B, session record;
     * ARGV = their sealed values, then the routing entries' TTL (the first active window) and the
     * record's TTL (absolute expiry plus closed retention), in ms. Writes all three or nothing:
     * returns 0 when either participant already has a session on this proxy number, else 1. Being
     * one script it is atomic against every other client, so two gateway nodes can never hand out
     * a clashing mapping.
     */
    static final LuaScript ALLOCATE = new LuaScript("""
            if redis.call('EXISTS', KEYS[1], KEYS[2]) > 0 then
              return 0
            end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[4])
            redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[4])
            redis.call('SET', KEYS[3], ARGV[3], 'PX', ARGV[5])
            return 1
            """);

    /**
     * A routed interaction: KEYS = session record, the caller's routing entry, the counterpart's,
     * the activity entry, then the two routing entries' touched markers
     * ({@link io.maskgate.core.session.codec.RedisKeys#touchedKey}); ARGV = the new active-until
     * (epoch ms), the routing entries' new TTL in ms (0: no sliding window, leave them), the session
     * id. Returns 0 (nothing done) when the record or the caller's entry is gone or the session was
     * closed (the entries may belong to a newer session by now), else 1. Monotonic: an older
     * interaction arriving late never shortens the window. The activity entry lives as long as the
     * record (its PTTL); each marker as long as its routing entry, so that resolve sees "in
     * progress" exactly while the entry it read is the one touched.
     */
    static final LuaScript TOUCH = new LuaScript("""
            if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('EXISTS', KEYS[2]) == 0 then
              return 0
            end
            local current = redis.call('GET', KEYS[4])
            if current == 'closed' then
              return 0
            end
            if not (current and tonumber(current) and tonumber(current) >= tonumber(ARGV[1])) then
              local recordTtl = redis.call('PTTL', KEYS[1])
              if recordTtl <= 0 then
                return 0
              end
              redis.call('SET', KEYS[4], ARGV[1], 'PX', recordTtl)
              if tonumber(ARGV[2]) > 0 then
                redis.call('PEXPIRE', KEYS[2], ARGV[2])
                redis.call('PEXPIRE', KEYS[3], ARGV[2])
              end
            end
            for i = 2, 3 do
              local ttl = redis.call('PTTL', KEYS[i])
              if ttl > 0 then
                redis.call('SET', KEYS[i + 3], ARGV[3], 'PX', ttl)
              end
            end
            return 1
            """);

    /**
     * Close: KEYS = session record, routing A, routing B, activity, touched A, touched B; ARGV = the
     * record as read, the closed record, the closed retention in ms. Only if the record is still the
     * one read (else 0: read again): deletes both routing entries and their markers, so nothing
     * resolves from now on, replaces the record and marks the activity closed, both kept for the
     * retention.
     */
    static final LuaScript CLOSE = new LuaScript("""
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then
              return 0
            end
            redis.call('DEL', KEYS[2], KEYS[3], KEYS[5], KEYS[6])
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            redis.call('SET', KEYS[4], 'closed', 'PX', ARGV[3])
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
